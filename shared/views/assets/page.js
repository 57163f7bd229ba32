/**
 * Focuses the error summary (and the field a summary link names); keeps unsent answers in
 * localStorage. A draft fills only a fresh form: a form the server sent back (errors, a course
 * added or removed) shows the server's answers, which become the draft. Hidden inputs are left
 * out, so a reload is a new submission.
 */
(function () {
  var summary = document.querySelector('.error-summary');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var input = link && document.getElementById(link.getAttribute('href').slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      (input.closest('fieldset.row,.field') || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
  var form = document.querySelector('form[data-draft]');
  if (form) {
    var key = 'skc-draft:' + form.getAttribute('data-draft');
    var fields = function () {
      return Array.prototype.filter.call(form.elements, function (e) {
        return e.name && e.type !== 'hidden' && e.type !== 'submit';
      });
    };
    var save = function () {
      var d = {};
      fields().forEach(function (e) {
        if (e.type === 'radio' || e.type === 'checkbox') {
          if (e.checked) {
            (d[e.name] = d[e.name] || []).push(e.value);
          }
        } else {
          d[e.name] = [e.value];
        }
      });
      try {
        localStorage.setItem(key, JSON.stringify(d));
      } catch (x) {}
    };
    if (form.hasAttribute('data-draft-restore')) {
      try {
        var d = JSON.parse(localStorage.getItem(key) || 'null');
        if (d) {
          fields().forEach(function (e) {
            var v = d[e.name];
            if (!v) {
              return;
            }
            if (e.type === 'radio' || e.type === 'checkbox') {
              e.checked = v.indexOf(e.value) >= 0;
            } else {
              e.value = v[0];
            }
          });
        }
      } catch (x) {}
    } else {
      save();
    }
    form.addEventListener('input', save);
    form.addEventListener('change', save);
  }
  var done = document.querySelector('[data-clear-draft]');
  if (done) {
    try {
      localStorage.removeItem('skc-draft:' + done.getAttribute('data-clear-draft'));
    } catch (x) {}
  }
})();
