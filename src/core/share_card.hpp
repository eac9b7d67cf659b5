// The social card of a campaign (Open Graph / Twitter image): a 1200×630 SVG
// with the title, the total, the goal and a bar, drawn from the same view the
// widget shows so that a shared link says what the page says.
//
//   ShareCard card = render_share_card({campaign_json, feed_json, "en", "bar", now_ms, false});
//   if (card.ok) write(card.svg);   // `kifu render share [--png]`
#pragma once
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "progress_view.hpp"

namespace kifu {

inline constexpr int share_card_width = 1200;
inline constexpr int share_card_height = 630;

struct ShareCard {
  bool ok = false;
  std::vector<Diagnostic> errors;  // why ok is false; names the field
  std::string error_source;        // "campaign" | "feed" | "request"
  std::string svg;
};

// request.variant is ignored (the card always draws a bar).
ShareCard render_share_card(const ProgressRequest& request);

// A title cut into at most `max_lines` lines of about `line_units` width
// units (a CJK character counts 2, anything else 1), broken at spaces when
// the text has them; the last line ends with "…" when text was left out.
std::vector<std::string> wrap_title(const std::string& title, int line_units, int max_lines);

}  // namespace kifu
