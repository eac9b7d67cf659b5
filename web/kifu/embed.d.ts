// embed.js defines every widget (see define.d.ts) and re-exports the names.
import './define.js';
export { WIDGET_NAMES } from './define.js';
