// Stylesheets imported by Custom UI code mean nothing in jsdom component tests.
module.exports = {};
