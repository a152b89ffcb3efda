// Word lists for the synthetic corpus. Kept in the source (not read from /usr/share/dict) so the
// corpus is the same on every machine. Entity names are made from SYLLABLES, never from these
// English words, so a name can only occur in a body where the generator put it (its mentions are
// then exactly what src/annotations/mentions.ts would find).

const words = (text: string) => text.trim().split(/\s+/);

export const FIRST_NAMES = words(`
  Anna Boris Carla Dmitri Elena Farid Grace Hana Igor Jana Kenji Lena Marek Nadia Oskar Paula Quentin Rosa Stefan
  Tamara Ugo Vera Walter Xenia Yusuf Zora Ahmed Bianca Cyril Daria Emil Fatima Gregor Helga Ivan Julia Karim Lucia
  Mikhail Nora Omar Petra Rafael Sofia Tomas Ulla Viktor Wanda Yuri Zainab Adele Bruno Clara Diego Erik Flora Hugo
  Ines Jakob Katya Luis Maya Nikolai Olga Pavel Rania Samuel Tereza Uma Vadim Yara Zeno Agnes Bogdan Celine Dario
  Edith Felix Greta Hamid Irena Jonas Klara Leon Mira Nils Orla Piotr Rena Simon Talia Ursula Vlad Wiebke Yann
  José Zoë Łukasz Søren Émile Åsa Dóra Jürgen Renée Çelik Miloš Ágnes Björn Íñigo Noémie Zdeněk Gökhan Anaïs
`);

export const SYLLABLES = words(`
  kar vel mor dan tis ro bel ven sa lor mi tan gor ka zel fen ri dor su val ne pol har qu lin ta bro sel
`);

// Lowercase, from syllables no entity name uses, so a code word is never a name: the rare words of the corpus.
export const CODE_SYLLABLES = words(`xo ix yph ulg ozz eck uv ajj`);

export const VERBS = words(`
  moved deployed shipped supplied withdrew attacked shelled seized captured delivered transferred announced
  rejected approved funded trained reinforced evacuated blocked inspected detained released repaired rebuilt
  bombed intercepted mobilized stationed relocated purchased exported imported launched tested recruited
  sanctioned pledged suspended resumed expanded reduced doubled halted
`);

export const ADJECTIVES = words(`
  new additional heavy light modern aging northern southern eastern western coastal frontline regional
  covert joint armored naval airborne experimental secret temporary permanent civilian military strategic
  tactical unmanned mobile reserve elite special logistic rapid advanced damaged fresh large small disputed
  foreign domestic mountain river border urban rural industrial humanitarian medical technical
`);

export const NOUNS = words(`
  troops soldiers units convoys vehicles tanks drones missiles shells rockets artillery supplies weapons
  ammunition equipment fuel grain food aid shipments containers trucks ships aircraft helicopters engineers
  advisers officers volunteers recruits contractors refugees civilians workers prisoners hostages reserves
  batteries radars bridges railways depots warehouses ports airfields positions trenches checkpoints villages
  towns factories pipelines power plants satellites components chips parts loans sanctions funds payments
  contracts agreements talks negotiations exercises drills patrols inspections reports documents
`);

export const PLACES = words(`
  border front coast valley plateau corridor region province district harbor bay strait peninsula capital
  outskirts frontier highlands delta lowlands steppe forest
`);

/** Who says a background sentence. */
export const SOURCES = words(`
  officials analysts observers diplomats residents witnesses journalists commanders ministers spokespeople
  investigators economists engineers monitors lawmakers
`);

export const FILLER = words(`
  week month year morning evening night statement briefing interview footage images satellite data figures
  estimates assessment situation tensions pressure cooperation support concerns warnings questions response
  decision policy strategy plan effort operation campaign crisis conflict ceasefire talks summit visit meeting
  economy budget market prices trade energy security stability relations partnership alliance winter spring
  summer autumn holiday election session inquiry hearing
`);

export const WEEKDAYS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday`);

export const PUBLISHERS = words(`
  Ledger Courier Chronicle Dispatch Observer Gazette Herald Tribune Sentinel Monitor Record Bulletin Journal
  Examiner Post Times Review Standard Mercury Express
`).map((name) => `The Daily ${name}`);

/** Units a topic's figures are given in, with how a report writes one after a number. */
export const UNITS: [unit: string, written: string][] = [
  ['troops', 'troops'], ['killed', 'people killed'], ['wounded', 'people wounded'], ['displaced', 'people displaced'],
  ['shells', 'artillery shells'], ['tonnes', 'tonnes of cargo'], ['usd', 'US dollars'], ['drones', 'drones'],
  ['missiles', 'missiles'], ['refugees', 'refugees'], ['tanks', 'tanks'], ['aircraft', 'aircraft'],
  ['containers', 'containers'], ['workers', 'workers'], ['prisoners', 'prisoners'],
];

export const QUESTIONS = [
  'How many {written} has {place} reported in total?', 'How many {written} were counted around {place}?',
  'How many {written} did {place} send abroad?', 'How many {written} are estimated near {place}?',
];
