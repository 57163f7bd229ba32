/**
 * The privacy notice (GDPR art. 13) and the accessibility statement (tillgänglighetsredogörelse),
 * linked from every form.
 */
import type { Lang, Text } from '../../core/definition.ts';
import { html, type Html } from '../html.ts';
import { pilot } from '../../../surveys/pilot.ts';
import { layout, type Page } from './layout.ts';
import { link } from '../../core/links.ts';

export function privacyPage(lang: Lang, contact: string, retentionMonths: number): Page {
  const sv = lang === 'sv';
  const content = sv
    ? html`<h1>Så behandlar vi personuppgifter</h1>
        <p class="lead">
          Teknikcollege samlar in ansökningar och enkätsvar för att utvärdera piloten där strategiska
          kompetenscentrum certifieras. Piloten pågår till och med ${pilot.end}.
        </p>
        <h2>Vilka uppgifter</h2>
        <ul>
          <li>
            I en ansökan: namn, e-postadress och telefonnummer till kontaktpersonen, och namn på styrgruppens
            processledare och ordförande.
          </li>
          <li>För en inbjudan till en enkät: e-postadress, namn om det finns, organisation och region.</li>
          <li>Era svar på frågorna. Vi sparar inte er IP-adress.</li>
        </ul>
        <h2>Varför och med vilken rätt</h2>
        <p>
          Vi behandlar uppgifterna för att handlägga ansökan om certifiering, för att skicka inbjudningar och
          påminnelser, och för att utvärdera piloten. Den rättsliga grunden är vårt berättigade intresse av
          att kvalitetssäkra och utvärdera Teknikcollege-certifieringen (artikel 6.1 f i
          dataskyddsförordningen). Kontaktuppgifter i en ansökan behövs för att vi ska kunna handlägga den.
        </p>
        <h2>Vem får ta del av uppgifterna</h2>
        <p>
          Industrirådets granskningskommitté och pilotens arbetsgrupp. Arbetsgruppen får sammanställningar av
          svaren, inte kontaktuppgifter. Uppgifterna lagras inom EU hos Amazon Web Services, som är vårt
          personuppgiftsbiträde.
        </p>
        <h2>Hur länge</h2>
        <p>
          Personuppgifterna raderas automatiskt ${retentionMonths} månader efter att piloten har avslutats. Om
          ni ber oss radera dem tidigare gör vi det direkt. I våra säkerhetskopior finns de då kvar i högst 35
          dagar. Sammanställda siffror utan personuppgifter sparas för utvärderingen.
        </p>
        <h2>Era rättigheter</h2>
        <p>
          Ni har rätt att få veta vilka uppgifter vi har om er, att få fel rättade, att få uppgifterna
          raderade och att invända mot behandlingen. Skriv till <a href="mailto:${contact}">${contact}</a>. Ni
          kan också lämna klagomål till Integritetsskyddsmyndigheten (IMY).
        </p>`
    : html`<h1>How we handle personal data</h1>
        <p class="lead">
          Teknikcollege collects applications and survey answers to evaluate the pilot of certifying strategic
          competence centres (running until ${pilot.end}).
        </p>
        <h2>What data</h2>
        <ul>
          <li>
            In an application: the contact person's name, email address and phone number, and the names of the
            steering group's process leader and chair.
          </li>
          <li>For a survey invitation: email address, name if given, organisation and region.</li>
          <li>Your answers to the questions. We do not store your IP address.</li>
        </ul>
        <h2>Why, and on what legal basis</h2>
        <p>
          We process the data to handle applications for certification, to send invitations and reminders, and
          to evaluate the pilot. The legal basis is our legitimate interest in quality-assuring and evaluating
          the Teknikcollege certification (Article 6(1)(f) GDPR). The contact details in an application are
          needed to handle it.
        </p>
        <h2>Who sees the data</h2>
        <p>
          Industrirådet's review committee (granskningskommitté) and the pilot's working group. The working
          group receives summaries of the answers, not contact details. The data is stored in the EU with
          Amazon Web Services, our processor.
        </p>
        <h2>How long</h2>
        <p>
          Personal data is deleted automatically ${retentionMonths} months after the pilot has ended. If you
          ask us to erase it earlier we do so at once; our backups then keep it for at most 35 more days.
          Summary figures without personal data are kept for the evaluation.
        </p>
        <h2>Your rights</h2>
        <p>
          You have the right to know what data we hold about you, to have errors corrected, to have the data
          erased and to object to the processing. Write to <a href="mailto:${contact}">${contact}</a>. You can
          also complain to the Swedish Authority for Privacy Protection (IMY).
        </p>`;
  return infoPage(lang, 'privacy', { sv: 'Personuppgifter', en: 'Personal data' }, content);
}

export function accessibilityPage(lang: Lang, contact: string): Page {
  const sv = lang === 'sv';
  const content = sv
    ? html`<h1>Tillgänglighetsredogörelse</h1>
        <p class="lead">
          Teknikcollege ansvarar för de här formulären. Vi vill att alla ska kunna svara, oavsett hur de
          använder webben.
        </p>
        <h2>Hur tillgängliga är formulären?</h2>
        <p>
          Formulären är gjorda för att uppfylla WCAG 2.1 nivå AA. De går att använda med enbart tangentbord,
          med skärmläsare, utan JavaScript och i mobilen. Varje fråga har en synlig etikett, fel visas i en
          sammanfattning överst och vid varje fråga, och allt finns på svenska och engelska.
        </p>
        <h2>Så har vi testat</h2>
        <p>
          Varje formulär testas automatiskt i en riktig webbläsare: det fylls i med enbart tangentbord, med
          och utan JavaScript och i 360 pixlars bredd, och det kontrolleras med verktyget axe mot WCAG 2.1 A
          och AA. Vi känner inte till några brister just nu.
        </p>
        <h2>Om något inte fungerar</h2>
        <p>
          Skriv till <a href="mailto:${contact}">${contact}</a>, så hjälper vi er och rättar felet. Om ni inte
          är nöjda med vårt svar kan ni kontakta Myndigheten för digital förvaltning (DIGG), som granskar
          tillgänglighet.
        </p>`
    : html`<h1>Accessibility statement</h1>
        <p class="lead">
          Teknikcollege is responsible for these forms. We want everyone to be able to answer, however they
          use the web.
        </p>
        <h2>How accessible are the forms?</h2>
        <p>
          The forms are made to meet WCAG 2.1 level AA. They work with a keyboard alone, with screen readers,
          without JavaScript and on mobile. Every question has a visible label, errors are shown in a summary
          at the top and next to each question, and everything is available in Swedish and English.
        </p>
        <h2>How we tested</h2>
        <p>
          Every form is tested automatically in a real browser: filled in with the keyboard alone, with and
          without JavaScript, 360 pixels wide, and with the axe tool against WCAG 2.1 A and AA. We know of no
          shortcomings at present.
        </p>
        <h2>If something does not work</h2>
        <p>
          Write to <a href="mailto:${contact}">${contact}</a> and we will help you and fix the problem. If you
          are not satisfied with our answer, you can contact the Agency for Digital Government (DIGG), which
          supervises accessibility.
        </p>`;
  return infoPage(
    lang,
    'accessibility',
    { sv: 'Tillgänglighetsredogörelse', en: 'Accessibility statement' },
    content,
  );
}

/** An information page, titled in its language, linking to the same page in the other. */
function infoPage(lang: Lang, page: 'privacy' | 'accessibility', title: Text, content: Html): Page {
  const otherLanguage = link(page, {}, { lang: lang === 'sv' ? 'en' : 'sv' });
  return layout({ lang, title: title[lang], content, otherLanguage });
}
