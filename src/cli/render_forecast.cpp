// kifu render forecast --campaign DEF --feed FEED [--history FILE] [--seed N]
//      [--lang ja|en] [--paths N] [--now RFC3339] [--json]
//
// Prints the forecast SVG byte for byte as the browser's worker draws it
// (--json: every text of <kifu-forecast> too). Without --history, the file
// the feed's `history` member names, relative to the feed file.
#include "render_forecast.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "campaign.hpp"
#include "dates.hpp"
#include "feed.hpp"
#include "forecast_view.hpp"
#include "read_document.hpp"

namespace kifu::cli {

namespace {

using nlohmann::json;

int usage(const std::string& why) {
  std::cerr << "kifu: " << why
            << "\nusage: kifu render forecast --campaign DEFINITION --feed FEED [--history FILE]\n"
               "       [--seed N] [--lang ja|en] [--paths N] [--now RFC3339-TIME] [--json]\n";
  return 2;
}

// A whole number, all digits, for --seed and --paths.
std::optional<double> whole(const std::string& s) {
  if (s.empty() || s.size() > 16 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<double>(std::stoull(s));
}

}  // namespace

int render_forecast_command(int argc, char** argv) {
  std::map<std::string, std::string> options;
  bool as_json = false;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      as_json = true;
    } else if (arg == "--campaign" || arg == "--feed" || arg == "--history" || arg == "--seed" ||
               arg == "--lang" || arg == "--paths" || arg == "--now") {
      if (i + 1 >= argc) return usage(arg + " needs a value");
      options[arg] = argv[++i];
    } else {
      return usage("unexpected argument " + arg);
    }
  }
  if (!options.count("--campaign") || !options.count("--feed")) {
    return usage("render forecast needs --campaign and --feed");
  }
  auto campaign = read_document(options["--campaign"]);
  if (!campaign) return usage("cannot read " + options["--campaign"]);
  auto feed = read_document(options["--feed"]);
  if (!feed) return usage("cannot read " + options["--feed"]);
  std::string history_path = options.count("--history") ? options["--history"] : "";
  if (history_path.empty()) {
    auto parsed = parse_feed(*feed);
    if (!parsed.ok() || parsed.value->history_url.empty()) {
      return usage("the feed names no history file; give one with --history");
    }
    const std::string& url = parsed.value->history_url;
    if (url.find("://") != std::string::npos || url.front() == '/') {
      return usage("the feed's history is at " + url + "; download it and give --history");
    }
    history_path = (std::filesystem::path(options["--feed"]).parent_path() / url).string();
  }
  auto history = read_document(history_path);
  if (!history) return usage("cannot read " + history_path);

  double seed = 1;
  if (options.count("--seed")) {
    auto s = whole(options["--seed"]);
    if (!s) return usage("--seed must be a whole number");
    seed = *s;
  }
  double paths = 10'000;
  if (options.count("--paths")) {
    auto p = whole(options["--paths"]);
    if (!p) return usage("--paths must be a whole number");
    paths = *p;
  }
  double now_ms;
  if (options.count("--now")) {
    auto t = parse_timestamp(options["--now"]);
    if (!t) return usage("--now must be an RFC 3339 time with offset");
    now_ms = static_cast<double>(*t) * 1000.0;
  } else {
    now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  }
  const ForecastRequest request{
      *campaign, *feed, *history, options.count("--lang") ? options["--lang"] : "ja",
      seed,      paths, now_ms};
  const ForecastView v = render_forecast(request);
  if (as_json) {
    json errors = json::array();
    for (const auto& e : v.errors)
      errors.push_back({{"pointer", e.pointer}, {"message", e.message}});
    const json out = {{"ok", v.ok},
                      {"errors", errors},
                      {"errorSource", v.error_source},
                      {"lang", v.lang},
                      {"status", v.status},
                      {"title", v.title},
                      {"headline", v.headline},
                      {"chance", v.chance},
                      {"details", v.details},
                      {"basis", v.basis},
                      {"sampleNote", v.sample_note},
                      {"svg", v.svg},
                      {"pathsDone", v.paths_done},
                      {"pathsTotal", v.paths_total},
                      {"finished", v.finished}};
    std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return v.ok ? 0 : 1;
  }
  if (!v.ok) {
    for (const auto& e : v.errors)
      std::cerr << "kifu: " << v.error_source << ": " << to_string(e) << "\n";
    return 1;
  }
  std::cout << v.svg << "\n";
  return 0;
}

}  // namespace kifu::cli
