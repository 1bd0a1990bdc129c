/**
 * The site's own UI strings (Starlight translates its UI itself). Used by the loader, which renders
 * badges and notices into the pages, and by the status pages.
 */
import { lookupTable } from '../core/content-keys.ts';

export interface SiteStrings {
  siteTitle: string;
  tagline: string;
  guides: string;
  status: string;
  /** Label of a code block holding expected output. */
  output: string;
  /** "Step" before a step's number, for screen readers and deep links. */
  step: string;
  /** Badge parts: "same in de, pt", "differs in ru". */
  sameIn: (locales: string) => string;
  differsIn: (locales: string) => string;
  onlyHere: string;
  warning: string;
  /** Notice over a block replaced by the reference locale's version. */
  replacedTitle: string;
  replaced: (locale: string, reference: string) => string;
  fixAt: string;
  withheldTitle: string;
  withheld: (locale: string) => string;
  // Status page
  statusIntro: string;
  guide: string;
  missing: string;
  clean: string;
  errors: (n: number) => string;
  warnings: (n: number) => string;
  details: string;
  noFindings: string;
  file: string;
  rule: string;
  message: string;
  reference: string;
  severity: Record<'error' | 'warning' | 'info', string>;
  summary: (files: number, errors: number, warnings: number) => string;
  open: string;
  // Runbook section of a guide page
  runbookTitle: string;
  runbookIntro: string;
  runbookFiles: string;
  /** Link text after `runbook.sh` and `runbook.json`. */
  runbookScript: string;
  runbookJson: string;
  /** "variant 2 of 2: Using Google-managed certificates" */
  runbookVariant: (index: number, of: number, label: string) => string;
  /** Note on a file whose broken block is published as the reference locale's version. */
  runbookReplaced: (locale: string, reference: string) => string;
  /** Note on a file whose broken block is withheld. */
  runbookWithheld: (locale: string) => string;
}

const en: SiteStrings = {
  siteTitle: 'Polyguide',
  tagline: 'Guides whose code is checked in every language.',
  guides: 'Guides',
  status: 'Translation status',
  output: 'Output',
  step: 'Step',
  sameIn: (l) => `same in ${l}`,
  differsIn: (l) => `differs in ${l}`,
  onlyHere: 'only in this language',
  warning: 'warning',
  replacedTitle: 'Corrected code block',
  replaced: (locale, reference) => `The ${locale} version of this block has an error, so the checked ${reference} version is shown instead.`,
  fixAt: 'To fix',
  withheldTitle: 'Code block withheld',
  withheld: (locale) => `The ${locale} version of this block has an error and no checked version exists, so it is not shown.`,
  statusIntro: 'Every guide in every language, as the guard judges its content: present or missing, with its errors and warnings.',
  guide: 'Guide',
  missing: 'missing',
  clean: 'no findings',
  errors: (n) => `${n} ${n === 1 ? 'error' : 'errors'}`,
  warnings: (n) => `${n} ${n === 1 ? 'warning' : 'warnings'}`,
  details: 'Details',
  noFindings: 'No findings.',
  file: 'File',
  rule: 'Rule',
  message: 'Message',
  reference: 'reference',
  severity: { error: 'error', warning: 'warning', info: 'info' },
  summary: (f, e, w) => `${f} files checked: ${e} errors, ${w} warnings.`,
  open: 'Open',
  runbookTitle: 'Runbook',
  runbookIntro: 'The files and commands of this guide, generated from its steps. Review the script before running it: it changes real clusters and accounts, and the placeholders must be replaced with your own values.',
  runbookFiles: 'Files',
  runbookScript: 'all commands as one script',
  runbookJson: 'files and commands as data',
  runbookVariant: (i, of, label) => `variant ${i} of ${of}${label ? `: ${label}` : ''}`,
  runbookReplaced: (locale, reference) => `the ${locale} version of this file has an error; this is the checked ${reference} version, as shown above`,
  runbookWithheld: (locale) => `withheld: the ${locale} version of this file has an error and no checked version exists`,
};

const de: SiteStrings = {
  siteTitle: 'Polyguide',
  tagline: 'Anleitungen, deren Code in jeder Sprache geprüft wird.',
  guides: 'Anleitungen',
  status: 'Übersetzungsstatus',
  output: 'Ausgabe',
  step: 'Schritt',
  sameIn: (l) => `gleich in ${l}`,
  differsIn: (l) => `abweichend in ${l}`,
  onlyHere: 'nur in dieser Sprache',
  warning: 'Warnung',
  replacedTitle: 'Korrigierter Codeblock',
  replaced: (locale, reference) => `Die ${locale}-Fassung dieses Blocks enthält einen Fehler, daher wird die geprüfte ${reference}-Fassung angezeigt.`,
  fixAt: 'Zu korrigieren',
  withheldTitle: 'Codeblock zurückgehalten',
  withheld: (locale) => `Die ${locale}-Fassung dieses Blocks enthält einen Fehler und es gibt keine geprüfte Fassung, daher wird er nicht angezeigt.`,
  statusIntro: 'Jede Anleitung in jeder Sprache, wie der Wächter ihren Inhalt beurteilt: vorhanden oder fehlend, mit Fehlern und Warnungen.',
  guide: 'Anleitung',
  missing: 'fehlt',
  clean: 'keine Befunde',
  errors: (n) => `${n} ${n === 1 ? 'Fehler' : 'Fehler'}`,
  warnings: (n) => `${n} ${n === 1 ? 'Warnung' : 'Warnungen'}`,
  details: 'Details',
  noFindings: 'Keine Befunde.',
  file: 'Datei',
  rule: 'Regel',
  message: 'Meldung',
  reference: 'Referenz',
  severity: { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' },
  summary: (f, e, w) => `${f} Dateien geprüft: ${e} Fehler, ${w} Warnungen.`,
  open: 'Öffnen',
  runbookTitle: 'Runbook',
  runbookIntro: 'Die Dateien und Befehle dieser Anleitung, aus ihren Schritten erzeugt. Prüfen Sie das Skript, bevor Sie es ausführen: Es ändert echte Cluster und Konten, und die Platzhalter müssen durch Ihre eigenen Werte ersetzt werden.',
  runbookFiles: 'Dateien',
  runbookScript: 'alle Befehle als ein Skript',
  runbookJson: 'Dateien und Befehle als Daten',
  runbookVariant: (i, of, label) => `Variante ${i} von ${of}${label ? `: ${label}` : ''}`,
  runbookReplaced: (locale, reference) => `die ${locale}-Fassung dieser Datei enthält einen Fehler; dies ist die geprüfte ${reference}-Fassung, wie oben gezeigt`,
  runbookWithheld: (locale) => `zurückgehalten: die ${locale}-Fassung dieser Datei enthält einen Fehler und es gibt keine geprüfte Fassung`,
};

const ru: SiteStrings = {
  siteTitle: 'Polyguide',
  tagline: 'Руководства, код которых проверяется на каждом языке.',
  guides: 'Руководства',
  status: 'Состояние переводов',
  output: 'Вывод',
  step: 'Шаг',
  sameIn: (l) => `совпадает в ${l}`,
  differsIn: (l) => `отличается в ${l}`,
  onlyHere: 'только на этом языке',
  warning: 'предупреждение',
  replacedTitle: 'Исправленный блок кода',
  replaced: (locale, reference) => `Версия этого блока на языке ${locale} содержит ошибку, поэтому показана проверенная версия ${reference}.`,
  fixAt: 'Исправить',
  withheldTitle: 'Блок кода скрыт',
  withheld: (locale) => `Версия этого блока на языке ${locale} содержит ошибку, а проверенной версии нет, поэтому блок не показан.`,
  statusIntro: 'Каждое руководство на каждом языке по оценке проверки содержимого: есть или отсутствует, с ошибками и предупреждениями.',
  guide: 'Руководство',
  missing: 'отсутствует',
  clean: 'замечаний нет',
  errors: (n) => `ошибок: ${n}`,
  warnings: (n) => `предупреждений: ${n}`,
  details: 'Подробности',
  noFindings: 'Замечаний нет.',
  file: 'Файл',
  rule: 'Правило',
  message: 'Сообщение',
  reference: 'эталон',
  severity: { error: 'ошибка', warning: 'предупреждение', info: 'сведения' },
  summary: (f, e, w) => `Проверено файлов: ${f}; ошибок: ${e}, предупреждений: ${w}.`,
  open: 'Открыть',
  runbookTitle: 'Файлы и скрипт',
  runbookIntro: 'Файлы и команды этого руководства, созданные из его шагов. Проверьте скрипт перед запуском: он изменяет настоящие кластеры и учётные записи, а заполнители нужно заменить своими значениями.',
  runbookFiles: 'Файлы',
  runbookScript: 'все команды одним скриптом',
  runbookJson: 'файлы и команды в виде данных',
  runbookVariant: (i, of, label) => `вариант ${i} из ${of}${label ? `: ${label}` : ''}`,
  runbookReplaced: (locale, reference) => `версия этого файла на языке ${locale} содержит ошибку; это проверенная версия ${reference}, как показано выше`,
  runbookWithheld: (locale) => `скрыт: версия этого файла на языке ${locale} содержит ошибку, а проверенной версии нет`,
};

const pt: SiteStrings = {
  siteTitle: 'Polyguide',
  tagline: 'Guias cujo código é verificado em todos os idiomas.',
  guides: 'Guias',
  status: 'Estado das traduções',
  output: 'Saída',
  step: 'Passo',
  sameIn: (l) => `igual em ${l}`,
  differsIn: (l) => `difere em ${l}`,
  onlyHere: 'apenas neste idioma',
  warning: 'aviso',
  replacedTitle: 'Bloco de código corrigido',
  replaced: (locale, reference) => `A versão ${locale} deste bloco tem um erro, por isso é mostrada a versão ${reference} verificada.`,
  fixAt: 'Corrigir em',
  withheldTitle: 'Bloco de código retido',
  withheld: (locale) => `A versão ${locale} deste bloco tem um erro e não existe versão verificada, por isso não é mostrada.`,
  statusIntro: 'Cada guia em cada idioma, segundo a verificação do conteúdo: presente ou em falta, com os seus erros e avisos.',
  guide: 'Guia',
  missing: 'em falta',
  clean: 'sem ocorrências',
  errors: (n) => `${n} ${n === 1 ? 'erro' : 'erros'}`,
  warnings: (n) => `${n} ${n === 1 ? 'aviso' : 'avisos'}`,
  details: 'Detalhes',
  noFindings: 'Sem ocorrências.',
  file: 'Ficheiro',
  rule: 'Regra',
  message: 'Mensagem',
  reference: 'referência',
  severity: { error: 'erro', warning: 'aviso', info: 'informação' },
  summary: (f, e, w) => `${f} ficheiros verificados: ${e} erros, ${w} avisos.`,
  open: 'Abrir',
  runbookTitle: 'Runbook',
  runbookIntro: 'Os ficheiros e comandos deste guia, gerados a partir dos seus passos. Reveja o script antes de o executar: altera clusters e contas reais, e os marcadores têm de ser substituídos pelos seus próprios valores.',
  runbookFiles: 'Ficheiros',
  runbookScript: 'todos os comandos num só script',
  runbookJson: 'ficheiros e comandos como dados',
  runbookVariant: (i, of, label) => `variante ${i} de ${of}${label ? `: ${label}` : ''}`,
  runbookReplaced: (locale, reference) => `a versão ${locale} deste ficheiro tem um erro; esta é a versão ${reference} verificada, como mostrado acima`,
  runbookWithheld: (locale) => `retido: a versão ${locale} deste ficheiro tem um erro e não existe versão verificada`,
};

const id: SiteStrings = {
  siteTitle: 'Polyguide',
  tagline: 'Panduan yang kodenya diperiksa dalam setiap bahasa.',
  guides: 'Panduan',
  status: 'Status terjemahan',
  output: 'Keluaran',
  step: 'Langkah',
  sameIn: (l) => `sama dalam ${l}`,
  differsIn: (l) => `berbeda dalam ${l}`,
  onlyHere: 'hanya dalam bahasa ini',
  warning: 'peringatan',
  replacedTitle: 'Blok kode yang dikoreksi',
  replaced: (locale, reference) => `Versi ${locale} dari blok ini mengandung kesalahan, jadi versi ${reference} yang sudah diperiksa ditampilkan sebagai gantinya.`,
  fixAt: 'Perbaiki di',
  withheldTitle: 'Blok kode ditahan',
  withheld: (locale) => `Versi ${locale} dari blok ini mengandung kesalahan dan tidak ada versi yang sudah diperiksa, jadi blok ini tidak ditampilkan.`,
  statusIntro: 'Setiap panduan dalam setiap bahasa, menurut pemeriksaan isinya: ada atau tidak ada, dengan kesalahan dan peringatannya.',
  guide: 'Panduan',
  missing: 'tidak ada',
  clean: 'tanpa temuan',
  errors: (n) => `${n} kesalahan`,
  warnings: (n) => `${n} peringatan`,
  details: 'Rincian',
  noFindings: 'Tidak ada temuan.',
  file: 'Berkas',
  rule: 'Aturan',
  message: 'Pesan',
  reference: 'rujukan',
  severity: { error: 'kesalahan', warning: 'peringatan', info: 'info' },
  summary: (f, e, w) => `${f} berkas diperiksa: ${e} kesalahan, ${w} peringatan.`,
  open: 'Buka',
  runbookTitle: 'Runbook',
  runbookIntro: 'Berkas dan perintah dari panduan ini, dihasilkan dari langkah-langkahnya. Periksa skrip sebelum menjalankannya: skrip ini mengubah klaster dan akun sungguhan, dan placeholder harus diganti dengan nilai Anda sendiri.',
  runbookFiles: 'Berkas',
  runbookScript: 'semua perintah sebagai satu skrip',
  runbookJson: 'berkas dan perintah sebagai data',
  runbookVariant: (i, of, label) => `varian ${i} dari ${of}${label ? `: ${label}` : ''}`,
  runbookReplaced: (locale, reference) => `versi ${locale} dari berkas ini mengandung kesalahan; ini adalah versi ${reference} yang sudah diperiksa, seperti yang ditampilkan di atas`,
  runbookWithheld: (locale) => `ditahan: versi ${locale} dari berkas ini mengandung kesalahan dan tidak ada versi yang sudah diperiksa`,
};

const STRINGS = lookupTable<SiteStrings>({ en, de, ru, pt, id });

export function stringsFor(locale: string): SiteStrings {
  return STRINGS[locale] ?? en;
}
