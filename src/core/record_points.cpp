#include "record_points.hpp"

#include "estimate.hpp"
#include "estimator_settings.hpp"
#include "point_program.hpp"

namespace kifu {

PointsConversion convert_record_points(const Campaign& campaign, std::string_view program,
                                       std::int64_t points, const Date& day) {
  const PointProgram* p = nullptr;
  std::string known;
  if (campaign.estimator) {
    for (const auto& candidate : campaign.estimator->programs) {
      if (candidate.id == program) p = &candidate;
      known += (known.empty() ? "" : ", ") + candidate.id;
    }
  }
  if (p == nullptr) {
    return {std::nullopt, quote_excerpt(program) + " is not one of the campaign's point programs" +
                              (known.empty() ? std::string(" (it has none)") : " (" + known + ")")};
  }
  if (points > max_balance) {
    return {std::nullopt, std::to_string(points) +
                              " points is more than the program's rules are "
                              "checked for (" +
                              std::to_string(max_balance) + ")"};
  }
  const ForwardEstimate e = estimate_forward(*p, points, program_open_on(*p, day));
  if (e.limit == Limit::not_open) {
    return {std::nullopt, "program " + p->id + " does not take donations on " + to_iso(day)};
  }
  if (e.limit == Limit::below_min || e.points == 0) {
    return {std::nullopt,
            std::to_string(points) + " points is under program " + p->id + "'s smallest donation"};
  }
  if (e.points != points) {
    return {std::nullopt, std::to_string(points) +
                              " points cannot be given as one donation under "
                              "program " +
                              p->id + "'s rules (" + std::to_string(e.points) + " could, leaving " +
                              std::to_string(e.leftover) + ")"};
  }
  return {e.amount, {}};
}

}  // namespace kifu
