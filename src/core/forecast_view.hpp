// Everything <kifu-forecast> shows, as text, from the documents themselves:
// the chart, the sentence a person wants ("At the current pace the goal is
// reached around March 2031; there is a 12% chance it is reached by the
// campaign's end"), and the details. The browser's worker (through
// src/wasm/forecast_bindings.cpp) and `kifu render forecast` both call this,
// so they show the same bytes.
//
//   ForecastSession session(request);       // parses and validates
//   while (!session.finished()) { session.advance(500); show(session.view()); }
//   // or: ForecastView v = render_forecast(request);
//
// A session gives the same final view whatever its chunk sizes: path i of
// the simulation depends only on (seed, i).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace kifu {

struct ForecastRequest {
  std::string campaign_json;
  std::string feed_json;
  std::string history_json;  // the file the feed's `history` names
  std::string lang;          // "ja" | "en"
  double seed;               // a whole number 0 .. 2^53 - 1
  double paths;              // clamped to 100 .. 20,000
  double now_unix_ms;        // Date.now(); decides whether the campaign is over
};

struct ForecastView {
  bool ok = false;
  std::vector<Diagnostic> errors;
  std::string error_source;  // "campaign" | "feed" | "history" | "request"
  std::string lang;
  std::string status;                // "ok" | "not_enough_data" | "goal_reached" | "ended"
  std::string title;                 // the campaign's title, plain text
  std::string headline;              // the sentence
  std::string chance;                // "12%", "1%未満"...; "" when not simulated
  std::vector<std::string> details;  // range, dates, run rates, events, scenarios
  std::string basis;                 // "Based on 2,000 simulated futures (seed 42)"
  std::string sample_note;           // "" unless the campaign is sample data
  std::string svg;                   // its <title> is the headline
  int paths_done = 0;
  int paths_total = 0;
  bool finished = false;
};

class ForecastSession {
 public:
  explicit ForecastSession(const ForecastRequest& request);
  ~ForecastSession();
  ForecastSession(const ForecastSession&) = delete;
  ForecastSession& operator=(const ForecastSession&) = delete;
  // Simulates up to `count` more paths (at least one when any are left).
  int advance(int count);
  bool finished() const;
  ForecastView view() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole forecast in one call (every path), as the kifu command prints it.
ForecastView render_forecast(const ForecastRequest& request);

}  // namespace kifu
