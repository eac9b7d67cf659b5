// embed.js defines the widgets a page uses (see define.d.ts for the tags) and re-exports the names.
import './define.js';
export { WIDGET_NAMES } from './widget-loader.js';
