// The campaign definition: the static JSON a campaign's editor writes.
// The format is a public contract; see docs in README.md.
//
//   auto parsed = parse_campaign(text);
//   if (!parsed.ok()) for (auto& e : parsed.diagnostics.errors) puts(to_string(e).c_str());
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dates.hpp"
#include "diagnostic.hpp"
#include "money.hpp"

namespace kifu {

enum class Lang { ja, en };
std::optional<Lang> parse_lang(std::string_view text);

struct LocalizedText {
  std::string ja;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::ja ? ja : en; }
};

struct Milestone {
  std::int64_t amount;  // minor units, strictly increasing across the list
  LocalizedText label;
};

inline constexpr int campaign_schema_version = 1;
inline constexpr int default_poll_seconds = 30;
inline constexpr int min_poll_seconds = 5;
// Definitions and feeds are small files; anything larger is refused before
// parsing so that garbage cannot cost memory or time.
inline constexpr std::size_t max_document_bytes = 1 << 20;

struct EstimatorSettings;  // estimator_settings.hpp

struct Campaign {
  std::string id;
  LocalizedText title;
  LocalizedText summary;  // optional; when given, both languages
  Currency currency;
  std::int64_t goal;  // minor units, > 0
  Date start;
  Date end;  // inclusive: the campaign runs through this whole day
  TimeZone time_zone;
  std::vector<Milestone> milestones;
  std::string feed_url;  // relative to the definition's own URL
  int poll_seconds = default_poll_seconds;
  bool sample_data = false;  // totals are made up: every view says so
  // Point programs, matching, impact units, tax note; never null once parsed.
  std::shared_ptr<const EstimatorSettings> estimator;
};

Parsed<Campaign> parse_campaign(std::string_view json_text);

}  // namespace kifu
