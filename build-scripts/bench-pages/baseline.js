// The simplest page that shows the same live number: fetch the feed, format
// the total, write it into a div. What the widget is measured against.
const response = await fetch('../campaigns/animal-center/feed.json', { cache: 'no-cache' });
const feed = await response.json();
document.getElementById('total').textContent =
  new Intl.NumberFormat('ja-JP').format(feed.raised) + '円';
