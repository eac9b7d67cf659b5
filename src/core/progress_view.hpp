// Everything the progress widget shows, as text, computed in one call from the
// documents themselves. The browser (through src/wasm) and the native kifu
// command (render progress) both call this, so they show the same bytes.
//
//   ProgressRequest req{campaign_json, feed_json, "ja", "bar", now_ms, false};
//   ProgressView view = render_progress(req);
//   if (view.ok) show(view.svg, view.raised, view.aria_valuetext, ...);
#pragma once

#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace kifu {

struct ProgressRequest {
  std::string campaign_json;
  std::string feed_json;
  std::string lang;     // "ja" | "en"
  std::string variant;  // "bar" | "ring" | "thermometer"
  double now_unix_ms;   // Date.now(); must be finite
  bool stale;           // the feed could not be refreshed: say so, with its age
};

struct ProgressView {
  bool ok = false;
  std::vector<Diagnostic> errors;  // why ok is false; names the field
  std::string error_source;        // "campaign" | "feed" | "request"
  std::string lang;
  std::string title;           // plain text: callers must insert it as text
  std::string raised;          // "182,600,000円"
  std::string raised_compact;  // "1.8億円"
  std::string goal;            // "1,100,000,000円"
  std::string goal_compact;    // "11億円"
  std::string goal_label;      // "目標 11億円" / "Goal ¥1.1B"
  std::string percent;         // "16.6%"
  std::string aria_valuenow;   // "16.6" (0..100, clamped)
  std::string aria_valuetext;  // a full sentence for screen readers
  std::string remaining;       // "目標まであと9.2億円" / "¥917.4M to go"
  std::string donors;  // "12,345人・15,210件の寄付" / "12,345 donors · 15,210 donations"
  std::string donor_count;     // "12,345" (the counter widget's big number)
  std::string days;            // "残り125日" / "125 days left" / "受付終了"
  std::string next_milestone;  // "" when none left
  std::string updated;         // "更新: 3分前" / "Updated 3 minutes ago"
  std::string stale_note;      // "" unless request.stale
  std::string sample_note;     // "" unless the campaign says sample_data
  std::string announcement;    // short text for a polite live region
  std::string svg;
  bool goal_reached = false;
};

ProgressView render_progress(const ProgressRequest& request);

// Validation of one document, for `kifu validate` and the browser.
struct Validation {
  bool ok = false;
  std::string kind;  // "campaign" | "feed"
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};
Validation validate_campaign(const std::string& campaign_json);
// campaign_json may be empty: the feed is then checked on its own.
Validation validate_feed(const std::string& feed_json, const std::string& campaign_json);

}  // namespace kifu
