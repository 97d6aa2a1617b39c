// Cockpit of the LGSP Hà Nội: in Vietnamese, with the LGSP's own pages (scripts/lgsp).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'LGSP Hà Nội'
  },
  customScripts: ['scripts/lgsp/lgsp-plugins.js'],
  // staff of the city work in Vietnamese whatever their browser's language
  locales: {
    availableLocales: ['vi'],
    fallbackLocale: 'vi'
  }
};
