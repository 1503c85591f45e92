/** Puppeteer must not download a browser (the download fails here): tests drive Debian's Chromium and Firefox ESR. */
module.exports = { skipDownload: true };
