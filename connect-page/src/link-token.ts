// The connect link's token: read once from ?link=, then taken out of the visible URL (history,
// bookmarks, screenshots). It lives in memory only: never a cookie, localStorage or sessionStorage.
export function takeLinkToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('link');
  if (url.searchParams.has('link')) {
    url.searchParams.delete('link');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return token && token.trim() !== '' ? token.trim() : null;
}
