// kifu render counter: what <kifu-counter> shows, from the same core call the
// browser makes (render_progress; the counter asks it for the bar variant and
// draws no graphic), so a page can prerender the number for first paint or
// for readers without JavaScript.
//
//   kifu render counter --campaign DEFINITION --feed FEED [--lang ja|en]
//        [--variant raised|donors] [--compact] [--now RFC3339-TIME] [--stale] [--json]
//
// Prints the big number ("182,600,000円", "1.8億円" with --compact, "12,345"
// for donors); --json prints every core text the counter shows. The captions
// ("寄付総額", "Donors so far") are the widget's own words, not the core's.
// Exit codes: 0 rendered, 1 invalid documents, 2 usage or unreadable file.
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "campaign.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "progress_view.hpp"

namespace kifu_cli {

namespace {

using nlohmann::json;

constexpr const char* counter_usage =
    "usage: kifu render counter --campaign DEFINITION --feed FEED [--lang ja|en]\n"
    "       [--variant raised|donors] [--compact] [--now RFC3339-TIME] [--stale] [--json]\n";

int counter_usage_error(const std::string& why) {
  std::cerr << "kifu render counter: " << why << "\n" << counter_usage;
  return 2;
}

// The whole file; a file beyond the core's document limit is passed on whole
// and refused by the core with the message the browser gives.
std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

json errors_json(const std::vector<kifu::Diagnostic>& list) {
  json out = json::array();
  for (const auto& d : list) out.push_back({{"pointer", d.pointer}, {"message", d.message}});
  return out;
}

}  // namespace

int render_counter_command(int argc, char** argv) {
  std::string campaign_path, feed_path, lang = "ja", variant = "raised", now;
  bool compact = false, stale = false, as_json = false;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    std::string* into = nullptr;
    if (a == "--campaign") into = &campaign_path;
    if (a == "--feed") into = &feed_path;
    if (a == "--lang") into = &lang;
    if (a == "--variant") into = &variant;
    if (a == "--now") into = &now;
    if (into != nullptr) {
      if (i + 1 >= argc) return counter_usage_error(a + " needs a value");
      *into = argv[++i];
    } else if (a == "--compact") {
      compact = true;
    } else if (a == "--stale") {
      stale = true;
    } else if (a == "--json") {
      as_json = true;
    } else {
      return counter_usage_error("unexpected argument " + a);
    }
  }
  if (campaign_path.empty() || feed_path.empty()) {
    return counter_usage_error("render counter needs --campaign and --feed");
  }
  if (variant != "raised" && variant != "donors") {
    return counter_usage_error("--variant must be raised or donors");
  }
  double now_ms;
  if (!now.empty()) {
    auto t = kifu::parse_timestamp(now);
    if (!t) return counter_usage_error("--now must be an RFC 3339 time with offset");
    now_ms = static_cast<double>(*t) * 1000.0;
  } else {
    now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  }
  auto definition = slurp(campaign_path);
  if (!definition) return counter_usage_error("cannot read " + campaign_path);
  auto feed = slurp(feed_path);
  if (!feed) return counter_usage_error("cannot read " + feed_path);

  // The counter asks the core for the bar variant (kifu-counter.js, coreVariant).
  const kifu::ProgressView v =
      kifu::render_progress({*definition, *feed, lang, "bar", now_ms, stale});
  // kifu-counter.js: donors show donorCount; a compact counter the short total.
  const std::string& value =
      variant == "donors" ? v.donor_count : (compact ? v.raised_compact : v.raised);
  if (as_json) {
    json out = {{"ok", v.ok},
                {"errors", errors_json(v.errors)},
                {"errorSource", v.error_source},
                {"lang", v.lang},
                {"variant", variant},
                {"value", value},
                {"title", v.title},
                {"raised", v.raised},
                {"raisedCompact", v.raised_compact},
                {"donorCount", v.donor_count},
                {"updated", v.updated},
                {"staleNote", v.stale_note},
                {"sampleNote", v.sample_note},
                {"announcement", v.announcement}};
    std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return v.ok ? 0 : 1;
  }
  if (!v.ok) {
    for (const auto& e : v.errors) {
      std::cerr << "kifu: " << v.error_source << ": " << kifu::to_string(e) << "\n";
    }
    return 1;
  }
  std::cout << value << "\n";
  return 0;
}

}  // namespace kifu_cli
