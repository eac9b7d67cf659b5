#include "impact.hpp"

#include "estimator_fields.hpp"
#include "format.hpp"

namespace kifu {

using detail::FieldReader;
using detail::json;

namespace {

bool has_one_placeholder(const std::string& s) {
  const auto first = s.find("{n}");
  return first != std::string::npos && s.find("{n}", first + 1) == std::string::npos;
}

std::string fill(const std::string& label, const std::string& n) {
  std::string out = label;
  out.replace(out.find("{n}"), 3, n);
  return out;
}

}  // namespace

std::vector<ImpactUnit> read_impact_units(FieldReader& campaign, const Currency* currency) {
  std::vector<ImpactUnit> units;
  const json* list = detail::array_field(campaign, "impact_units", max_impact_units);
  if (list == nullptr) return units;
  Diagnostics& d = campaign.diagnostics();
  for (std::size_t i = 0; i < list->size(); ++i) {
    FieldReader r((*list)[i], campaign.at("impact_units") + "/" + std::to_string(i), d);
    if (!r.is_object()) continue;
    auto amount = r.amount("amount", currency, true);
    auto label = detail::localized_field(r, "label", true);
    auto one = r.text("label_en_one", false, 300);
    r.warn_unknown();
    bool ok = amount && label;
    if (label) {
      for (const auto& [key, text] : {std::pair{"ja", label->ja}, std::pair{"en", label->en}}) {
        if (!has_one_placeholder(text)) {
          d.error(r.at("label") + "/" + key,
                  "must contain \"{n}\" exactly once, where the number goes");
          ok = false;
        }
      }
    }
    if (one && !has_one_placeholder(*one)) {
      d.error(r.at("label_en_one"), "must contain \"{n}\" exactly once, where the number goes");
      ok = false;
    }
    if (ok) units.push_back({*amount, *label, one.value_or(label->en)});
  }
  return units;
}

std::string impact_count(std::int64_t gift, std::int64_t unit_amount) {
  if (gift <= 0 || unit_amount <= 0) return "";
  const std::int64_t tenths = mul_div_floor(gift, 10, unit_amount).value_or(0);
  if (tenths == 0) return "";
  std::string s = format_count(tenths / 10);
  if (tenths % 10 != 0) s += "." + std::to_string(tenths % 10);
  return s;
}

std::string impact_text(const ImpactUnit& unit, std::int64_t gift, Lang lang) {
  const std::string n = impact_count(gift, unit.amount);
  if (n.empty()) return "";
  if (lang == Lang::ja) return fill(unit.label.ja, n);
  return fill(n == "1" ? unit.label_en_one : unit.label.en, n);
}

}  // namespace kifu
