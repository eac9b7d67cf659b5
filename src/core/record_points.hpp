// The one place where a points record becomes an amount. Issue 6 asks for the
// campaign's own point-program rules (the estimator's core, issue 3), never a
// copy of them: until those rules are merged, every points record is refused
// with a reason that says so, rather than converted by an invented rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "campaign.hpp"

namespace kifu {

struct PointsConversion {
  std::optional<std::int64_t> amount;  // minor units of the campaign currency
  std::string reason;                  // why not, when amount is empty
};

PointsConversion convert_record_points(const Campaign& campaign, std::string_view program,
                                       std::int64_t points);

}  // namespace kifu
