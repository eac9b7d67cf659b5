// Everything <kifu-estimator> shows, as text, in one call per keystroke:
// the campaign definition, the totals feed (optional), and what the visitor
// typed, exactly as typed. The core reads the typed text (amount_input.hpp),
// so the browser and the tests see the same acceptance and the same messages.
//
//   EstimateRequest req{campaign_json, feed_json,
//                       R"({"balances": {"card-points": "３０００"}, "target": ""})", "ja",
//                       now_ms};
//   EstimateView v = render_estimate(req);
//   v.programs[0].result == "3,000ポイント → 15,000円"
#pragma once

#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace kifu {

struct EstimateRequest {
  std::string campaign_json;
  std::string feed_json;    // "" when there is none (no "what it does to the campaign")
  std::string inputs_json;  // {"balances": {program id: text}, "target": text}
  std::string lang;         // "ja" | "en"
  double now_unix_ms;       // decides which programs and matches are open today
};

struct ProgramLine {
  std::string id;
  std::string name;         // plain text: insert as text
  std::string unit;         // "ポイント" / "points"
  std::string rule;         // "100ポイント → 500円（100ポイント単位）"
  std::string input_error;  // next to the balance field; "" when accepted or empty
  bool has_balance = false;
  std::string result;      // "3,000ポイント → 15,000円"; "" without a balance
  std::string detail;      // leftover, donations, or why the balance cannot be used
  std::string limit;       // "none" | "below_min" | "period_cap" | "not_open"
  std::string value_note;  // what those points are worth elsewhere; "" when unknown
  std::string needed;      // what the target needs in this program; "" without a target
};

struct EstimateView {
  bool ok = false;
  std::vector<Diagnostic> errors;  // why ok is false
  std::string error_source;        // "campaign" | "feed" | "inputs" | "request"
  std::vector<ProgramLine> programs;
  std::string target_error;  // next to the target field
  std::string total;         // "寄付額の合計 15,000円"; "" when nothing is given
  std::string matched;       // the sponsor's match, shown apart; "" when none
  std::string impact;        // "猫1匹の5週間分のお世話"; "" when none
  std::string effect;        // what the gift does to the campaign; "" without a feed
  std::string mix;           // the cheapest mix for the target across the balances
  std::string tax_note;      // "" unless points are used and the campaign has one
  std::string announcement;  // short, for a polite live region
};

EstimateView render_estimate(const EstimateRequest& request);

}  // namespace kifu
