// kifu render share  — the social card (SVG) of a campaign.
// kifu render facts  — the campaign page's formatted figures (JSON).
//
// Both read the same documents as `render progress` and refuse them with the
// same messages (the core validates them).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "campaign.hpp"
#include "dates.hpp"
#include "diagnostic.hpp"
#include "feed.hpp"
#include "format.hpp"
#include "progress_view.hpp"
#include "read_document.hpp"
#include "share_card.hpp"
#include "site_commands.hpp"

namespace kifu::cli {

namespace {

using nlohmann::json;
__extension__ using i128 = __int128;

int usage(const std::string& why) {
  std::cerr << "kifu: " << why
            << "\nusage: kifu render share --campaign DEFINITION --feed FEED [--lang ja|en]\n"
               "       [--now RFC3339-TIME] [--png]\n"
               "       kifu render facts --campaign DEFINITION --feed FEED [--lang ja|en]\n";
  return 2;
}

struct Inputs {
  std::string campaign;
  std::string feed;
  std::string lang = "ja";
  double now_ms = 0;
};

// Shared option reading; returns the exit code on failure.
std::optional<int> read_inputs(int argc, char** argv, Inputs& in, bool takes_now) {
  std::map<std::string, std::string> options;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool known =
        arg == "--campaign" || arg == "--feed" || arg == "--lang" || (takes_now && arg == "--now");
    if (!known) return usage("unexpected argument " + arg);
    if (i + 1 >= argc) return usage(arg + " needs a value");
    options[arg] = argv[++i];
  }
  if (!options.count("--campaign") || !options.count("--feed")) {
    return usage(std::string("render ") + argv[2] + " needs --campaign and --feed");
  }
  auto campaign = read_document(options["--campaign"]);
  if (!campaign) return usage("cannot read " + options["--campaign"]);
  auto feed = read_document(options["--feed"]);
  if (!feed) return usage("cannot read " + options["--feed"]);
  in.campaign = std::move(*campaign);
  in.feed = std::move(*feed);
  if (options.count("--lang")) in.lang = options["--lang"];
  if (options.count("--now")) {
    auto t = parse_timestamp(options["--now"]);
    if (!t) return usage("--now must be an RFC 3339 time with offset");
    in.now_ms = static_cast<double>(*t) * 1000.0;
  } else {
    in.now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
  }
  return std::nullopt;
}

int report(const std::string& source, const std::vector<Diagnostic>& errors) {
  for (const auto& e : errors) std::cerr << "kifu: " << source << ": " << to_string(e) << "\n";
  return 1;
}

// floor(part * 1000 / whole) without overflow; 0 for an empty whole.
std::int64_t permille_of(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<std::int64_t>(static_cast<i128>(part) * 1000 / whole);
}

}  // namespace

int render_share_command(int argc, char** argv) {
  Inputs in;
  if (auto code = read_inputs(argc, argv, in, true)) return *code;
  const ShareCard card =
      render_share_card({in.campaign, in.feed, in.lang, "bar", in.now_ms, false});
  if (!card.ok) return report(card.error_source, card.errors);
  std::cout << card.svg << "\n";
  return 0;
}

int render_facts_command(int argc, char** argv) {
  Inputs in;
  if (auto code = read_inputs(argc, argv, in, false)) return *code;
  const auto lang = parse_lang(in.lang);
  if (!lang) return report("request", {{"/lang", "must be \"ja\" or \"en\""}});
  const auto campaign = parse_campaign(in.campaign);
  if (!campaign.ok()) return report("campaign", campaign.diagnostics.errors);
  const auto feed = parse_feed(in.feed, *campaign.value);
  if (!feed.ok()) return report("feed", feed.diagnostics.errors);
  const Campaign& c = *campaign.value;
  const Feed& f = *feed.value;

  json milestones = json::array();
  for (const auto& m : c.milestones) {
    milestones.push_back({{"amount", format_amount(m.amount, c.currency, *lang)},
                          {"amountCompact", format_amount_compact(m.amount, c.currency, *lang)},
                          {"label", m.label.in(*lang)},
                          {"reached", f.raised >= m.amount}});
  }
  json channels = json::array();
  if (f.by_channel) {
    for (std::size_t i = 0; i < channel_names.size(); ++i) {
      const std::int64_t amount = (*f.by_channel)[i];
      channels.push_back({{"id", std::string(channel_names[i])},
                          {"amount", format_amount(amount, c.currency, *lang)},
                          {"percent", format_percent(permille_of(amount, f.raised))}});
    }
  }
  const json out = {{"lang", in.lang},
                    {"currency", std::string(c.currency.code)},
                    {"goal", format_amount(c.goal, c.currency, *lang)},
                    {"goalCompact", format_amount_compact(c.goal, c.currency, *lang)},
                    {"start", format_date(c.start, *lang)},
                    {"end", format_date(c.end, *lang)},
                    {"asOf", format_date(local_date(f.as_of, c.time_zone), *lang)},
                    {"milestones", milestones},
                    {"channels", channels}};
  std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace kifu::cli
