/* global jest */
/**
 * Component tests (jsdom) wait on what the page shows (findBy…, waitFor). Testing Library gives up
 * after 1 s by default, which a loaded shared machine can exceed between a click and the render
 * it causes; the wait still ends the moment the element appears, so a longer bound costs nothing
 * when all is well (docs/testing.md, "Waiting on the app").
 */
if (typeof document !== 'undefined') {
  require('@testing-library/dom').configure({ asyncUtilTimeout: 15_000 });
  // and the test itself may take that long (Jest's default is 5 s); a file may still set its own
  jest.setTimeout(30_000);
}
