#include "progress.hpp"

#include <algorithm>

namespace kifu {

Progress compute_progress(const Campaign& campaign, const Feed& feed, std::int64_t now_unix) {
  Progress p{};
  p.raised = feed.raised;
  p.goal = campaign.goal;
  // raised * 1000 fits in 128 bits; the quotient only overflows 64 bits for
  // absurd ratios, which still read as "far past the goal".
  p.permille = mul_div_floor(feed.raised, 1000, campaign.goal).value_or(INT64_MAX);
  p.bar_permille = static_cast<int>(std::clamp<std::int64_t>(p.permille, 0, 1000));
  p.goal_reached = feed.raised >= campaign.goal;
  p.remaining = p.goal_reached ? 0 : campaign.goal - feed.raised;

  for (std::size_t i = 0; i < campaign.milestones.size(); ++i) {
    if (campaign.milestones[i].amount <= feed.raised) {
      ++p.milestones_reached;
    } else if (!p.next_milestone) {
      p.next_milestone = i;
      p.to_next_milestone = campaign.milestones[i].amount - feed.raised;
    }
  }

  // Days are calendar days in the campaign's zone; the end date is the last
  // whole day of giving, so on it "1 day left" reads as "last day".
  const std::int64_t today = days_from_civil(local_date(now_unix, campaign.time_zone));
  const std::int64_t start = days_from_civil(campaign.start);
  const std::int64_t end = days_from_civil(campaign.end);
  if (today < start) {
    p.phase = Phase::before_start;
    p.days = start - today;
  } else if (today > end) {
    p.phase = Phase::ended;
    p.days = 0;
  } else if (today == end) {
    p.phase = Phase::last_day;
    p.days = 1;
  } else {
    p.phase = Phase::running;
    p.days = end - today + 1;
  }
  p.donors = feed.donors;
  p.donations = feed.donations;
  return p;
}

}  // namespace kifu
