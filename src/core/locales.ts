/** Locale folder names the layout recognises (`content/<locale>/…`), lower-case. */
export const KNOWN_LOCALES = ['en', 'de', 'ru', 'pt', 'id', 'fr', 'es', 'ja', 'ko', 'zh', 'zh-cn', 'zh-tw', 'it', 'ar', 'nl', 'pl', 'tr', 'uk', 'vi'];
