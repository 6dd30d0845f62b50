// Records every Content-Security-Policy and Trusted Types violation on the page, for the test to read.
// Capture phase on the document: violations inside shadow roots reach it too.
window.__cspViolations = [];
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.__cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      where: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    });
  },
  true,
);
