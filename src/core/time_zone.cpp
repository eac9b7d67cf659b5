#include <array>

#include "dates.hpp"

namespace kifu {

namespace {

// Zones whose offset has been fixed for decades and that observe no daylight
// saving time, so a fixed offset is exact for every campaign date. Zones with
// DST (Europe/*, America/*) need rules Kifu does not carry yet; they are
// refused with a clear error instead of being silently off by an hour.
constexpr std::array<TimeZone, 12> zones = {{
    {"Asia/Tokyo", 9 * 3600},
    {"Asia/Seoul", 9 * 3600},
    {"Asia/Shanghai", 8 * 3600},
    {"Asia/Taipei", 8 * 3600},
    {"Asia/Hong_Kong", 8 * 3600},
    {"Asia/Singapore", 8 * 3600},
    {"Asia/Manila", 8 * 3600},
    {"Asia/Bangkok", 7 * 3600},
    {"Asia/Jakarta", 7 * 3600},
    {"Asia/Kolkata", 5 * 3600 + 1800},
    {"Pacific/Honolulu", -10 * 3600},
    {"UTC", 0},
}};

}  // namespace

std::optional<TimeZone> find_time_zone(std::string_view name) {
  for (const auto& z : zones) {
    if (z.name == name) return z;
  }
  return std::nullopt;
}

std::string known_time_zones() {
  std::string out;
  for (const auto& z : zones) {
    if (!out.empty()) out += ", ";
    out += z.name;
  }
  return out;
}

}  // namespace kifu
