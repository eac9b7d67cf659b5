// Field readers the estimator's parts of the campaign definition share
// (programs, matching, impact units, tax note). Internal to the core.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "campaign.hpp"
#include "json_fields.hpp"

namespace kifu::detail {

// {"ja": ..., "en": ...}, both required when the field is present.
std::optional<LocalizedText> localized_field(FieldReader& parent, std::string_view key,
                                             bool required, std::size_t max_bytes = 300);

// An optional YYYY-MM-DD date; an error naming the field when it does not parse.
std::optional<Date> optional_date(FieldReader& r, std::string_view key);

// The array at `key`, or nullptr when absent; an error when it is not an
// array or longer than max_items.
const json* array_field(FieldReader& r, std::string_view key, std::size_t max_items);

// "1,000" for messages.
std::string grouped(std::int64_t n);

}  // namespace kifu::detail
