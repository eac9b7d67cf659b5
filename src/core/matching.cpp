#include "matching.hpp"

#include <algorithm>

#include "estimator_fields.hpp"

namespace kifu {

using detail::FieldReader;
using detail::json;

namespace {
constexpr std::string_view known_channels[] = {"points", "card", "transfer", "offline"};
}

std::optional<Matching> read_matching(FieldReader& campaign, const Currency* currency) {
  const json* v = campaign.member("matching", false);
  if (v == nullptr) return std::nullopt;
  Diagnostics& d = campaign.diagnostics();
  const std::size_t errors_before = d.errors.size();
  FieldReader r(*v, campaign.at("matching"), d);
  if (!r.is_object()) return std::nullopt;
  Matching m{};
  if (auto s = detail::localized_field(r, "sponsor", true)) m.sponsor = *s;
  if (auto p = r.integer("percent", 1, 1000, true)) m.percent = *p;
  auto per_donor = r.amount("cap_per_donor", currency, true);
  auto total = r.amount("cap_total", currency, true);
  if (per_donor) m.cap_per_donor = *per_donor;
  if (total) m.cap_total = *total;
  if (per_donor && total && *per_donor > *total) {
    d.error(r.at("cap_per_donor"),
            "is larger than /matching/cap_total (" + detail::grouped(*total) +
                "): the caps overlap; one donor cannot get more than the total");
  }
  m.start = detail::optional_date(r, "start");
  m.end = detail::optional_date(r, "end");
  if (m.start && m.end && *m.end < *m.start) {
    d.error(r.at("end"), "is before start (" + to_iso(*m.end) + " < " + to_iso(*m.start) + ")");
  }
  if (const json* list = detail::array_field(r, "channels", 4)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& c = (*list)[i];
      const std::string at = r.at("channels") + "/" + std::to_string(i);
      if (!c.is_string() ||
          std::find(std::begin(known_channels), std::end(known_channels),
                    c.get_ref<const std::string&>()) == std::end(known_channels)) {
        d.error(at, "must be \"points\", \"card\", \"transfer\" or \"offline\", got " +
                        (c.is_string() ? quote_excerpt(c.get_ref<const std::string&>())
                                       : detail::describe(c)));
        continue;
      }
      m.channels.push_back(c.get<std::string>());
    }
  }
  r.warn_unknown();
  if (d.errors.size() != errors_before) return std::nullopt;
  return m;
}

std::int64_t matched_amount(const Matching& m, std::int64_t gift, const Date& today,
                            std::string_view channel) {
  if (gift <= 0) return 0;
  if (m.start && today < *m.start) return 0;
  if (m.end && *m.end < today) return 0;
  if (!m.channels.empty() &&
      std::find(m.channels.begin(), m.channels.end(), channel) == m.channels.end()) {
    return 0;
  }
  const std::int64_t share = mul_div_floor(gift, m.percent, 100).value_or(INT64_MAX);
  return std::min({share, m.cap_per_donor, m.cap_total});
}

}  // namespace kifu
