/** Publications whose names cannot be read from their host names, by the domain they publish under. */
const knownSources: Record<string, string> = {
  'apnews.com': 'AP News',
  'axios.com': 'Axios',
  'bbc.co.uk': 'BBC',
  'bbc.com': 'BBC',
  'bloomberg.com': 'Bloomberg',
  'businessinsider.com': 'Business Insider',
  'cnbc.com': 'CNBC',
  'cnn.com': 'CNN',
  'ft.com': 'Financial Times',
  'geekwire.com': 'GeekWire',
  'latimes.com': 'Los Angeles Times',
  'nbcnews.com': 'NBC News',
  'npr.org': 'NPR',
  'nytimes.com': 'The New York Times',
  'reuters.com': 'Reuters',
  'techcrunch.com': 'TechCrunch',
  'theguardian.com': 'The Guardian',
  'theintercept.com': 'The Intercept',
  'thesource.com': 'The Source',
  'theverge.com': 'The Verge',
  'washingtonpost.com': 'The Washington Post',
  'wired.com': 'Wired',
  'wsj.com': 'The Wall Street Journal',
};

/**
 * A first guess at an article's source from its link, read from the host name alone (Rally does not fetch
 * the page): a known publication's name, else the host without `www.`. Organizers correct it in the form.
 */
export function guessSource(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const known = knownSources[labels.slice(i).join('.')];
    if (known) return known;
  }
  return host.replace(/^(?:www|m|amp)\./, '') || undefined;
}
