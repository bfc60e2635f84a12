/**
 * The look of the local Jira pages (`/__tether/jira.css`): Jira's layout (top navigation, project
 * sidebar, issue view, lozenges, flags) in plain CSS written here; no Atlassian asset is copied.
 * Every colour is an Atlassian design token (`var(--ds-…)`, defined by /__tether/theme.css for
 * the light and the dark theme, picked by `data-color-mode` on `<html>`), with the light value
 * as the fallback, so the pages follow ?theme= as Jira follows its theme setting. Only the
 * avatars, issue type icons and the project avatar keep fixed colours (they are pictures in Jira).
 */
export const JIRA_CSS = `
:root {
  --text: var(--ds-text, #172B4D); --text-subtle: var(--ds-text-subtle, #44546F); --text-subtlest: var(--ds-text-subtlest, #626F86);
  --text-inverse: var(--ds-text-inverse, #FFFFFF); --link: var(--ds-link, #0C66E4); --link-pressed: var(--ds-link-pressed, #0055CC);
  --border: var(--ds-border, #091E4224); --border-input: var(--ds-border-input, #8590A2); --border-focused: var(--ds-border-focused, #388BFF); --border-selected: var(--ds-border-selected, #0C66E4);
  --surface: var(--ds-surface, #FFFFFF); --sunken: var(--ds-surface-sunken, #F7F8F9); --raised: var(--ds-surface-raised, #FFFFFF); --raised-hovered: var(--ds-surface-raised-hovered, #F1F2F4); --overlay: var(--ds-surface-overlay, #FFFFFF);
  --neutral: var(--ds-background-neutral, #091E420F); --neutral-hovered: var(--ds-background-neutral-hovered, #091E4224);
  --subtle-hovered: var(--ds-background-neutral-subtle-hovered, #091E420F); --selected: var(--ds-background-selected, #E9F2FF);
  --input: var(--ds-background-input, #FFFFFF); --input-hovered: var(--ds-background-input-hovered, #F7F8F9); --input-pressed: var(--ds-background-input-pressed, #FFFFFF);
  --brand: var(--ds-background-brand-bold, #0C66E4); --brand-hovered: var(--ds-background-brand-bold-hovered, #0055CC);
  --danger: var(--ds-background-danger-bold, #C9372C); --danger-hovered: var(--ds-background-danger-bold-hovered, #AE2E24);
  --shadow-raised: var(--ds-shadow-raised, 0 1px 1px #091E4240, 0 0 1px #091E424F); --shadow-overlay: var(--ds-shadow-overlay, 0 8px 12px #091E4226, 0 0 1px #091E424F);
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font: 14px/20px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", Ubuntu, "Helvetica Neue", sans-serif; color: var(--text); background: var(--surface); }
a { color: var(--link); text-decoration: none; }
a:hover { color: var(--link-pressed); text-decoration: underline; }
:focus-visible { outline: 2px solid var(--border-focused); outline-offset: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; background: var(--neutral); padding: 1px 4px; border-radius: 3px; }
h1 { font-size: 24px; line-height: 28px; font-weight: 500; margin: 8px 0 16px; letter-spacing: -0.01em; }
h2 { font-size: 16px; line-height: 20px; font-weight: 600; margin: 24px 0 8px; }
h3 { font-size: 14px; line-height: 16px; font-weight: 600; margin: 16px 0 8px; color: var(--text-subtle); }

.topnav { position: sticky; top: 0; z-index: 100; display: flex; align-items: center; gap: 4px; height: 56px; padding: 0 12px; background: var(--surface); border-bottom: 1px solid var(--border); }
.topnav__logo { display: flex; align-items: center; gap: 8px; padding: 4px 8px; margin-right: 8px; color: var(--text-subtle); font-weight: 600; font-size: 16px; border-radius: 3px; }
.topnav__logo:hover { text-decoration: none; background: var(--subtle-hovered); color: var(--text); }
.logo-mark { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 4px; background: var(--brand); color: var(--text-inverse); font-size: 14px; font-weight: 700; }
.topnav__link { position: relative; padding: 6px 8px; border-radius: 3px; color: var(--text-subtle); font-weight: 500; }
.topnav__link:hover { background: var(--subtle-hovered); color: var(--text); text-decoration: none; }
.topnav__link.is-active { color: var(--link); }
.topnav__link.is-active::after { content: ""; position: absolute; left: 4px; right: 4px; bottom: -12px; height: 3px; border-radius: 1px; background: var(--border-selected); }
.topnav__spacer { flex: 1; }
.topnav__site { color: var(--text-subtlest); font-size: 12px; margin-right: 12px; }

.theme-switch { display: inline-flex; gap: 2px; padding: 2px; margin-right: 16px; border-radius: 6px; background: var(--neutral); }
.theme-switch__option { padding: 2px 10px; border-radius: 4px; color: var(--text-subtle); font-size: 12px; line-height: 20px; font-weight: 500; }
.theme-switch__option:hover { background: var(--neutral-hovered); color: var(--text); text-decoration: none; }
.theme-switch__option.is-current { background: var(--selected); color: var(--ds-text-selected, #0C66E4); box-shadow: inset 0 0 0 1px var(--border-selected); }

.persona { position: relative; }
.persona > summary { list-style: none; display: flex; align-items: center; gap: 8px; padding: 4px 8px; border-radius: 16px; cursor: pointer; color: var(--text-subtle); font-weight: 500; }
.persona > summary::-webkit-details-marker { display: none; }
.persona > summary:hover { background: var(--subtle-hovered); }
.persona__menu { position: absolute; right: 0; top: 40px; min-width: 260px; padding: 8px 0; background: var(--overlay); border-radius: 3px; box-shadow: var(--shadow-overlay); }
.persona__heading { padding: 8px 16px 4px; font-size: 11px; font-weight: 700; color: var(--text-subtlest); text-transform: uppercase; }
.persona__item { display: flex; align-items: center; gap: 12px; padding: 8px 16px; color: var(--text); }
.persona__item:hover { background: var(--subtle-hovered); text-decoration: none; color: var(--text); }
.persona__item.is-current { background: var(--selected); box-shadow: inset 2px 0 0 var(--border-selected); }
.persona__role { display: block; color: var(--text-subtlest); font-size: 12px; line-height: 16px; }
.avatar { display: inline-grid; place-items: center; flex: none; width: 24px; height: 24px; border-radius: 50%; color: #fff; font-size: 11px; font-weight: 700; }
.avatar--admin { background: #AE2E24; } .avatar--lead { background: #5E4DB2; } .avatar--member { background: #0055CC; } .avatar--outsider { background: #626F86; }

.layout { display: grid; grid-template-columns: 240px minmax(0, 1fr); min-height: calc(100vh - 56px); }
.layout--full { grid-template-columns: minmax(0, 1fr); }
.sidebar { background: var(--sunken); border-right: 1px solid var(--border); padding: 16px 8px; }
.sidebar__project { display: flex; align-items: center; gap: 8px; padding: 8px; margin-bottom: 16px; }
.project-avatar { display: inline-grid; place-items: center; flex: none; width: 32px; height: 32px; border-radius: 4px; color: #fff; font-weight: 700; font-size: 12px; background: linear-gradient(135deg, #1D7AFC, #6E5DC6); }
.project-avatar--small { width: 20px; height: 20px; font-size: 9px; border-radius: 3px; }
.sidebar__name { font-weight: 600; line-height: 20px; }
.sidebar__kind { color: var(--text-subtlest); font-size: 12px; line-height: 16px; }
.sidebar__heading { padding: 16px 8px 4px; color: var(--text-subtlest); font-size: 11px; font-weight: 700; text-transform: uppercase; }
.sidebar__item { display: flex; align-items: center; gap: 8px; padding: 8px; border-radius: 3px; color: var(--text-subtle); font-weight: 500; }
.sidebar__item:hover { background: var(--subtle-hovered); text-decoration: none; color: var(--text); }
.sidebar__item.is-selected { background: var(--selected); color: var(--ds-text-selected, #0C66E4); box-shadow: inset 3px 0 0 var(--border-selected); }
.main { padding: 24px 40px 48px; min-width: 0; }
.breadcrumbs { display: flex; flex-wrap: wrap; gap: 8px; color: var(--text-subtlest); }
.breadcrumbs a { color: var(--text-subtlest); }
.breadcrumbs span[aria-hidden] { color: var(--text-subtlest); }

.button { display: inline-flex; align-items: center; gap: 4px; height: 32px; padding: 0 12px; border: 0; border-radius: 3px; background: var(--neutral); color: var(--text-subtle); font: inherit; font-weight: 500; cursor: pointer; white-space: nowrap; }
.button:hover { background: var(--neutral-hovered); color: var(--text); text-decoration: none; }
.button--primary { background: var(--brand); color: var(--text-inverse); }
.button--primary:hover { background: var(--brand-hovered); color: var(--text-inverse); }
.button--danger { background: var(--danger); color: var(--text-inverse); }
.button--danger:hover { background: var(--danger-hovered); color: var(--text-inverse); }
.button--subtle { background: transparent; }
.button--subtle:hover { background: var(--subtle-hovered); }
.input, .select { height: 32px; padding: 0 8px; border: 1px solid var(--border-input); border-radius: 3px; background: var(--input); color: var(--text); font: inherit; min-width: 0; }
.input:hover, .select:hover { background: var(--input-hovered); }
.input:focus, .select:focus { outline: none; border-color: var(--border-focused); box-shadow: inset 0 0 0 1px var(--border-focused); background: var(--input-pressed); }
.inline-form { display: flex; align-items: center; gap: 8px; margin: 0; }

.lozenge { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 11px; line-height: 16px; font-weight: 700; text-transform: uppercase; white-space: nowrap; vertical-align: middle; }
.lozenge--new { background: var(--ds-background-neutral, #091E420F); color: var(--ds-text-subtle, #44546F); }
.lozenge--indeterminate { background: var(--ds-background-information, #E9F2FF); color: var(--ds-text-information, #0055CC); }
.lozenge--done { background: var(--ds-background-success, #DCFFF1); color: var(--ds-text-success, #216E4E); }
.lozenge--app { background: var(--ds-background-discovery, #F3F0FF); color: var(--ds-text-discovery, #5E4DB2); }
.lozenge--missing { background: var(--ds-background-danger, #FFECEB); color: var(--ds-text-danger, #AE2E24); }
.type-icon { display: inline-grid; place-items: center; flex: none; width: 16px; height: 16px; border-radius: 3px; color: #fff; font-size: 10px; font-weight: 700; vertical-align: middle; }
.type-icon--epic { background: #6E5DC6; } .type-icon--story { background: #22A06B; } .type-icon--task { background: #1D7AFC; }
.type-icon--bug { background: #E2483D; } .type-icon--subtask { background: #579DFF; } .type-icon--other { background: #8590A2; }

.issue { display: grid; grid-template-columns: minmax(0, 3fr) minmax(340px, 2fr); gap: 32px; align-items: start; }
.issue__key { display: flex; align-items: center; gap: 6px; }
.issue__actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 16px; }
.issue__apps-button { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
.issue__description { white-space: pre-wrap; margin: 0 0 8px; }
.issue__empty { color: var(--text-subtlest); }
.status-form .select { font-weight: 600; }
.details { border: 1px solid var(--border); border-radius: 3px; margin-top: 16px; }
.details__header { padding: 12px 16px; font-weight: 600; border-bottom: 1px solid var(--border); }
.details__list { display: grid; grid-template-columns: 160px minmax(0, 1fr); gap: 12px 16px; margin: 0; padding: 16px; align-items: center; }
.details__list dt { color: var(--text-subtle); font-weight: 600; font-size: 12px; }
.details__list dd { margin: 0; display: flex; align-items: center; gap: 8px; min-width: 0; }
.person { display: inline-flex; align-items: center; gap: 8px; }
.label { display: inline-block; padding: 0 4px; border: 1px solid var(--border); border-radius: 3px; font-size: 12px; }
.danger-zone { margin-top: 24px; }

.panel { border: 1px solid var(--border); border-radius: 3px; background: var(--surface); }
.panel + .panel { margin-top: 16px; }
.panel__header { display: flex; align-items: center; gap: 8px; padding: 10px 16px; border-bottom: 1px solid var(--border); font-weight: 600; }
.panel__body { padding: 0; }
.app-icon { display: inline-grid; place-items: center; width: 20px; height: 20px; border-radius: 4px; background: var(--brand); color: var(--text-inverse); font-size: 11px; font-weight: 700; }
.app-frame { display: block; width: 100%; border: 0; height: 200px; background: var(--surface); }
.app-frame--page { min-height: calc(100vh - 200px); }

.message { display: flex; gap: 12px; padding: 16px; border-radius: 3px; margin: 0 0 16px; }
.message__icon { display: inline-grid; place-items: center; flex: none; width: 20px; height: 20px; border-radius: 50%; color: var(--text-inverse); font-size: 12px; font-weight: 700; }
.message--info { background: var(--ds-background-information, #E9F2FF); } .message--info .message__icon { background: var(--ds-icon-information, #1D7AFC); }
.message--error { background: var(--ds-background-danger, #FFECEB); } .message--error .message__icon { background: var(--ds-icon-danger, #C9372C); }
.message--success { background: var(--ds-background-success, #DCFFF1); } .message--success .message__icon { background: var(--ds-icon-success, #22A06B); }
.message--warning { background: var(--ds-background-warning, #FFF7D6); } .message--warning .message__icon { background: var(--ds-icon-warning, #E56910); }
.message p { margin: 0; } .message p + p { margin-top: 4px; }

.table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
.table th { text-align: left; font-size: 12px; font-weight: 600; color: var(--text-subtle); padding: 8px; border-bottom: 2px solid var(--border); }
.table td { padding: 8px; border-bottom: 1px solid var(--border); vertical-align: middle; }
.table tr:hover td { background: var(--subtle-hovered); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; margin-bottom: 8px; }
.card { display: flex; gap: 12px; padding: 16px; border-radius: 3px; background: var(--raised); box-shadow: var(--shadow-raised); color: var(--text); }
.card:hover { text-decoration: none; background: var(--raised-hovered); color: var(--text); }
.card__title { font-weight: 600; } .card__meta { color: var(--text-subtlest); font-size: 12px; }
.muted { color: var(--text-subtlest); }

.flag-group { position: fixed; left: 24px; bottom: 24px; z-index: 600; display: flex; flex-direction: column; gap: 8px; width: 400px; max-width: calc(100vw - 48px); }
.flag { display: flex; gap: 16px; padding: 16px; border-radius: 3px; background: var(--overlay); box-shadow: var(--shadow-overlay); color: var(--text); }
.flag__icon { display: inline-grid; place-items: center; flex: none; width: 24px; height: 24px; border-radius: 50%; color: var(--text-inverse); font-weight: 700; font-size: 13px; }
.flag--info .flag__icon { background: var(--ds-icon-information, #1D7AFC); } .flag--success .flag__icon { background: var(--ds-icon-success, #22A06B); }
.flag--warning .flag__icon { background: var(--ds-icon-warning, #E56910); } .flag--error .flag__icon { background: var(--ds-icon-danger, #C9372C); }
.flag__body { flex: 1; min-width: 0; }
.flag__title { font-weight: 600; }
.flag__description { margin-top: 8px; color: var(--text-subtle); }
.flag__actions { display: flex; gap: 16px; margin-top: 8px; }
.flag__action { padding: 0; border: 0; background: none; color: var(--link); font: inherit; cursor: pointer; }
.flag__action:hover { text-decoration: underline; }
.flag__close { flex: none; width: 24px; height: 24px; padding: 0; border: 0; border-radius: 3px; background: none; color: var(--text-subtle); font-size: 18px; line-height: 24px; cursor: pointer; }
.flag__close:hover { background: var(--subtle-hovered); }
.flag--bold.flag--info { background: var(--ds-background-information-bold, #1D7AFC); color: var(--text-inverse); } .flag--bold.flag--success { background: var(--ds-background-success-bold, #1F845A); color: var(--text-inverse); }
.flag--bold.flag--error { background: var(--ds-background-danger-bold, #C9372C); color: var(--text-inverse); } .flag--bold.flag--warning { background: var(--ds-background-warning-bold, #F5CD47); color: var(--ds-text-warning-inverse, #172B4D); }
.flag--bold .flag__icon { background: none; color: inherit; box-shadow: inset 0 0 0 2px currentColor; }
.flag--bold .flag__description, .flag--bold .flag__action, .flag--bold .flag__close { color: inherit; }
`;
