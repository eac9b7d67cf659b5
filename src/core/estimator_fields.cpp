#include "estimator_fields.hpp"

#include "format.hpp"

namespace kifu::detail {

std::optional<LocalizedText> localized_field(FieldReader& parent, std::string_view key,
                                             bool required, std::size_t max_bytes) {
  const json* v = parent.member(key, required);
  if (v == nullptr) return std::nullopt;
  FieldReader r(*v, parent.at(key), parent.diagnostics());
  if (!r.is_object()) return std::nullopt;
  auto ja = r.text("ja", true, max_bytes);
  auto en = r.text("en", true, max_bytes);
  r.warn_unknown();
  if (!ja || !en) return std::nullopt;
  return LocalizedText{*ja, *en};
}

std::optional<Date> optional_date(FieldReader& r, std::string_view key) {
  const json* v = r.member(key, false);
  if (v == nullptr) return std::nullopt;
  std::optional<Date> d;
  if (v->is_string()) d = parse_date(v->get_ref<const std::string&>());
  if (!d) {
    r.diagnostics().error(
        r.at(key),
        "must be a date written YYYY-MM-DD (a real calendar date, year 1970 or later), got " +
            (v->is_string() ? quote_excerpt(v->get_ref<const std::string&>()) : describe(*v)));
  }
  return d;
}

const json* array_field(FieldReader& r, std::string_view key, std::size_t max_items) {
  const json* v = r.member(key, false);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    r.diagnostics().error(r.at(key), "must be an array, got " + describe(*v));
    return nullptr;
  }
  if (v->size() > max_items) {
    r.diagnostics().error(r.at(key), "has " + std::to_string(v->size()) +
                                         " entries; the limit is " + std::to_string(max_items));
    return nullptr;
  }
  return v;
}

std::string grouped(std::int64_t n) {
  return format_count(n);
}

}  // namespace kifu::detail
