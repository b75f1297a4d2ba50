export { LinkToggle } from './link-toggle.js';
export { useWindowLink, type WindowLink } from './use-window-link.js';
