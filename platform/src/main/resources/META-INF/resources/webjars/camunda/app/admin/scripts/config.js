// Admin of the LGSP Hà Nội, in Vietnamese.
export default {
  app: {
    name: 'Admin',
    vendor: 'LGSP Hà Nội'
  },
  // staff of the city work in Vietnamese whatever their browser's language
  locales: {
    availableLocales: ['vi'],
    fallbackLocale: 'vi'
  }
};
