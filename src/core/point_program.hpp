// Point programs: how a loyalty program's points (or miles) become a
// donation. Read from the campaign definition's `point_programs` array; the
// rules of each field are in README.md's contract tables.
//
// Two shapes cover every real program we know of:
//   rate: `points` points give `amount` minor units, donated in multiples of
//         `step` points from `min` up (100 pt -> ¥500 in steps of 100;
//         1 pt -> ¥1 from 50 to 30,000 per donation, 100,000 a month; ...)
//   menu: only the listed items ("¥500 for 500 points"; miles in blocks of
//         500, 2,000, 3,000 or 7,500), any number of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "campaign.hpp"

namespace kifu {

namespace detail {
class FieldReader;
}

// `points` points are worth `amount` minor units; both > 0.
struct Ratio {
  std::int64_t points;
  std::int64_t amount;
};

struct MenuItem {
  std::int64_t points;
  std::int64_t amount;
};

enum class Period { day, month, year };

struct PointProgram {
  std::string id;
  LocalizedText name;
  LocalizedText unit;  // "ポイント"/"points" unless the program says "マイル"/"miles"
  // Rate programs (menu empty):
  Ratio rate{0, 0};
  std::int64_t step = 1;                         // a step is always a whole number of minor units
  std::int64_t min = 1;                          // a multiple of step
  std::optional<std::int64_t> max_per_donation;  // a multiple of step, >= 2*min - step
  // Menu programs: items sorted by points, distinct point prices.
  std::vector<MenuItem> menu;
  // Both shapes:
  std::optional<std::int64_t> max_per_period;  // points across donations
  Period period = Period::month;
  std::optional<Date> valid_from;    // inclusive, campaign-local days
  std::optional<Date> valid_until;   // inclusive
  std::optional<Ratio> point_value;  // what points buy elsewhere, for the "cost"

  bool is_menu() const { return !menu.empty(); }
  // The smallest amount of points the program moves by: the step, or the
  // common factor of the menu's prices.
  std::int64_t granule_points() const;
};

// Limits that keep every estimate exact in 64-bit arithmetic and bounded in
// time (see estimate.cpp and cheapest.cpp for the bounds they guarantee).
inline constexpr std::int64_t max_rate_term = 1'000'000'000;  // points/amount of a rate or item
inline constexpr std::int64_t max_balance = 999'999'999'999;  // what a visitor may type
inline constexpr std::size_t max_programs = 8;
inline constexpr std::size_t max_menu_items = 16;
// Menu prices (and amounts) divided by their common factor: the searches
// over a menu fill at most about max_menu_span^2 cells before a shortcut
// takes over (estimate.cpp, cheapest.cpp), so 64 keeps that to ~4,000.
inline constexpr std::int64_t max_menu_span = 64;

// Reads `point_programs` (absent: none) with every error naming its field.
std::vector<PointProgram> read_point_programs(detail::FieldReader& campaign,
                                              const Currency* currency);

// Whether the program takes donations on `today` (campaign-local).
bool program_open_on(const PointProgram& p, const Date& today);

}  // namespace kifu
