// The one place where a points record becomes an amount: the campaign's own
// point programs (point_program.hpp), converted by the estimator's exact
// forward estimate (estimate.hpp) — never a copy of their rules.
//
// A record's points must be exactly what the program takes in one go on that
// day: a whole number of steps (or menu items) from the minimum, within the
// per-donation cap, while the program is open. What estimate_forward would
// donate from that balance must be all of it; anything else is refused with
// the program's reason. Per-period caps (points per donor per month) are
// checked per record only: records do not say which program account they
// came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "campaign.hpp"
#include "dates.hpp"

namespace kifu {

struct PointsConversion {
  std::optional<std::int64_t> amount;  // minor units of the campaign currency
  std::string reason;                  // why not, when amount is empty
};

// `day`: the donation's calendar day in the campaign's time zone.
PointsConversion convert_record_points(const Campaign& campaign, std::string_view program,
                                       std::int64_t points, const Date& day);

}  // namespace kifu
