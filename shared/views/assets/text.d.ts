// Assets imported as text by esbuild (`with { type: 'text' }`) in bundled.ts.
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*.js' {
  const text: string;
  export default text;
}
