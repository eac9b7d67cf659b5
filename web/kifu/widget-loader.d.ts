/** The registered widget names: progress first, then alphabetical. */
export const WIDGET_NAMES: readonly string[];
export function elementClass(module: object): CustomElementConstructor | undefined;
/** Loads the widget's module (once) and defines kifu-<name>. */
export function defineWidget(name: string): Promise<void>;
/** Defines the widgets whose tags are in the document, now and later. */
export function defineUsedWidgets(doc?: Document): Promise<void[]>;
