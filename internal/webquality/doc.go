// Package webquality holds the tests that judge built sites as browsers,
// search engines and validators see them: the example site at the
// repository root and a generated site of 200 briefings with every page
// kind. Every HTML page must have a unique title and description, a
// canonical link, link-preview tags and valid structured data; the W3C Nu
// HTML Checker must find no error; axe-core no accessibility violation at
// desktop and phone widths; the Content-Security-Policy of netlify.toml must
// hold with no console error; no internal link or #anchor may be broken.
// Lighthouse runs on demand (BRIEF_LIGHTHOUSE=1).
//
// The Nu checker, axe-core and Lighthouse come from npm (testdata/package.json,
// installed with npm ci in testdata/); Java runs the Nu checker. Tests that
// need a missing tool skip with a loud message, and fail instead when
// BRIEF_REQUIRE_BROWSER=1, as in CI.
package webquality
