// Test documents built member by member from raw JSON text, so that a test can
// put any literal exactly where it wants it (2^63, 100.5, "200", a duplicate
// key) without a JSON library rounding or refusing it first.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace kifu_test {

class Doc {
 public:
  explicit Doc(std::vector<std::pair<std::string, std::string>> members)
      : members_(std::move(members)) {}

  // Replaces the member's raw value, or appends it when absent.
  Doc& set(const std::string& key, const std::string& raw) {
    for (auto& [k, v] : members_) {
      if (k == key) {
        v = raw;
        return *this;
      }
    }
    members_.emplace_back(key, raw);
    return *this;
  }
  // Appends even when the key is already there (for duplicate keys).
  Doc& add(const std::string& key, const std::string& raw) {
    members_.emplace_back(key, raw);
    return *this;
  }
  Doc& remove(const std::string& key) {
    std::erase_if(members_, [&](const auto& m) { return m.first == key; });
    return *this;
  }
  std::string text() const {
    std::string s = "{";
    for (const auto& [k, v] : members_) {
      if (s.size() > 1) s += ",";
      s += "\"" + k + "\":" + v;
    }
    return s + "}";
  }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

// The reference campaign: ¥1,100,000,000 from 2026-04-01 to 2027-03-31 in Tokyo,
// milestones at ¥100M, ¥300M, ¥700M and the goal itself.
inline Doc campaign_doc() {
  return Doc({
      {"schema_version", "1"},
      {"id", R"("animal-center")"},
      {"title", R"({"ja": "動物愛護センター建設基金", "en": "Animal Protection Center Fund"})"},
      {"currency", R"("JPY")"},
      {"goal", "1100000000"},
      {"start", R"("2026-04-01")"},
      {"end", R"("2027-03-31")"},
      {"time_zone", R"("Asia/Tokyo")"},
      {"milestones", R"([
        {"amount": 100000000, "label": {"ja": "設計", "en": "Design"}},
        {"amount": 300000000, "label": {"ja": "用地", "en": "Land"}},
        {"amount": 700000000, "label": {"ja": "建物", "en": "Building"}},
        {"amount": 1100000000, "label": {"ja": "開所", "en": "Opening"}}])"},
      {"feed", R"({"url": "feed.json", "poll_seconds": 30})"},
  });
}

// Its feed: ¥182,600,000 from 12,345 donors as of 2026-11-27 10:00 in Tokyo.
// 120,000,000 + 40,000,000 + 20,000,000 + 2,600,000 = 182,600,000.
inline Doc feed_doc() {
  return Doc({
      {"schema_version", "1"},
      {"campaign_id", R"("animal-center")"},
      {"currency", R"("JPY")"},
      {"raised", "182600000"},
      {"donors", "12345"},
      {"donations", "15210"},
      {"by_channel",
       R"({"points": 120000000, "card": 40000000, "transfer": 20000000, "offline": 2600000})"},
      {"as_of", R"("2026-11-27T10:00:00+09:00")"},
  });
}

inline std::string read_data(const std::string& name) {
  std::ifstream in(std::string(KIFU_TEST_DATA) + "/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace kifu_test
