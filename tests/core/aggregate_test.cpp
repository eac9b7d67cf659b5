// Aggregation: records in, totals out — each record counted once, refunds
// taken back out, donors distinct, days in the campaign's time zone, and
// read = accepted + rejected + duplicates whatever comes in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "aggregate.hpp"
#include "campaign.hpp"
#include "documents.hpp"
#include "history.hpp"

using Catch::Matchers::Contains;
using namespace std::string_literals;

namespace {

// tests/data/campaign.json: animal-center, JPY, Asia/Tokyo (+09:00).
kifu::Campaign the_campaign() {
  auto p = kifu::parse_campaign(kifu_test::read_data("campaign.json"));
  REQUIRE(p.ok());
  return *p.value;
}

std::string rec(const std::string& id, const std::string& time, const std::string& channel,
                long long amount, const std::string& donor,
                const std::string& status = "completed") {
  return R"({"id":")" + id + R"(","time":")" + time + R"(","channel":")" + channel +
         R"(","amount":)" + std::to_string(amount) + R"(,"donor":")" + donor + R"(","status":")" +
         status + "\"}\n";
}

struct Run {
  kifu::Campaign campaign = the_campaign();
  kifu::Aggregator agg{campaign};
  std::vector<kifu::Reject> rejects;
  std::vector<std::string> reject_texts;

  // Reads `text` as one input and settles it (one call per Run).
  void feed(const std::string& text, kifu::RecordFormat f = kifu::RecordFormat::json_lines) {
    kifu::RecordFile in(agg, f);
    in.push(text);
    in.finish();
    REQUIRE_FALSE(in.unusable());
    REQUIRE(agg.finish([&](const kifu::Reject& r) {
      rejects.push_back(r);
      reject_texts.push_back(r.reasons.empty() ? "" : to_string(r.reasons[0]));
    }));
  }
  void check_balance() const {
    const auto& c = agg.counts();
    CHECK(c.read == c.accepted + c.rejected + c.duplicates);
  }
};

const std::string t1 = "2026-11-27T10:00:00+09:00";

}  // namespace

TEST_CASE("donations add up per channel; donors and donations are counted apart") {
  Run r;
  r.feed(rec("a", t1, "card", 5000, "k1") + rec("b", t1, "transfer", 3000, "k1") +
         rec("c", t1, "offline", 200, "k2"));
  auto f = r.agg.feed(0);
  CHECK(f.raised == 8200);  // 5000 + 3000 + 200
  CHECK(f.donations == 3);
  CHECK(f.donors == 2);  // k1 gave twice
  CHECK((*f.by_channel)[1] == 5000);
  CHECK((*f.by_channel)[2] == 3000);
  CHECK((*f.by_channel)[3] == 200);
  r.check_balance();
}

TEST_CASE("the same record twice counts once") {
  Run r;
  r.feed(rec("a", t1, "card", 5000, "k1") + rec("a", t1, "card", 5000, "k1"));
  CHECK(r.agg.feed(0).raised == 5000);
  CHECK(r.agg.counts().duplicates == 1);
  r.check_balance();
}

TEST_CASE("a different donation under a used id is a reject, not a duplicate") {
  Run r;
  r.feed(rec("a", t1, "card", 5000, "k1") + rec("a", t1, "card", 7000, "k1"));
  CHECK(r.agg.feed(0).raised == 5000);
  REQUIRE(r.rejects.size() == 1);
  CHECK(r.rejects[0].line == 2);
  CHECK_THAT(r.reject_texts[0], Contains("/id: \"a\" was already used"));
}

TEST_CASE("a refund takes the donation out, and its donor when it was their only gift") {
  Run r;
  r.feed(rec("a", t1, "card", 5000, "k1") + rec("b", t1, "card", 1000, "k2") +
         R"({"id":"a","time":"2026-12-01T00:00:00Z","status":"refunded"})"
         "\n");
  auto f = r.agg.feed(0);
  CHECK(f.raised == 1000);
  CHECK(f.donations == 1);
  CHECK(f.donors == 1);
  CHECK(r.agg.counts().removed == 1);
  r.check_balance();
}

TEST_CASE("a second refund of the same id is a duplicate; a refund of an unknown id a reject") {
  Run r;
  const std::string refund = R"({"id":"a","time":"2026-12-01T00:00:00Z","status":"cancelled"})"
                             "\n";
  r.feed(rec("a", t1, "card", 5000, "k1") + refund + refund +
         R"({"id":"zz","time":"2026-12-01T00:00:00Z","status":"refunded"})"
         "\n");
  CHECK(r.agg.counts().duplicates == 1);
  REQUIRE(r.rejects.size() == 1);
  CHECK(r.rejects[0].line == 4);
  CHECK_THAT(r.reject_texts[0], Contains("not among the donations read so far"));
  r.check_balance();
}

TEST_CASE("a donation outside the campaign's days is refused, in its time zone") {
  Run r;
  // The campaign starts 2026-04-01 in Asia/Tokyo: 2026-03-31T15:00Z is its
  // first second, 14:59:59Z still the day before.
  r.feed(rec("a", "2026-03-31T15:00:00Z", "card", 1, "k") +
         rec("b", "2026-03-31T14:59:59Z", "card", 1, "k"));
  CHECK(r.agg.feed(0).raised == 1);
  REQUIRE(r.rejects.size() == 1);
  CHECK_THAT(r.reject_texts[0],
             Contains("falls on 2026-03-31 in Asia/Tokyo, outside the campaign"));
}

TEST_CASE("points convert by the campaign's own point programs") {
  // The demo campaign: card-points give 100 pt -> 500 yen in steps of 100,
  // so 3,000 points are 30 steps of 500 yen = 15,000 yen.
  auto demo =
      kifu::parse_campaign(kifu_test::read_data("../../web/campaigns/animal-center/campaign.json"));
  REQUIRE(demo.ok());
  kifu::Aggregator agg(*demo.value);
  kifu::RecordFile in(agg, kifu::RecordFormat::json_lines);
  std::vector<std::string> why;
  auto sink = [&](const kifu::Reject& r) { why.push_back(to_string(r.reasons.at(0))); };
  auto points = [](const std::string& id, const std::string& n, const std::string& program) {
    return R"({"id":")" + id +
           R"(","time":"2026-11-27T10:00:00+09:00","channel":"points","points":)" + n +
           R"(,"program":")" + program +
           R"(","donor":"k","status":"completed"})"
           "\n";
  };
  in.push(points("a", "3000", "card-points") + points("b", "3050", "card-points") +
          points("c", "100", "no-such-program"));
  in.finish();
  REQUIRE(agg.finish(sink));
  auto f = agg.feed(0);
  CHECK(f.raised == 15000);
  CHECK((*f.by_channel)[0] == 15000);
  REQUIRE(why.size() == 2);
  CHECK_THAT(why[0], Contains("/program: 3050 points cannot be given as one donation"));
  CHECK_THAT(why[1], Contains("\"no-such-program\" is not one of the campaign's point programs "
                              "(card-points, shopping-points, miles)"));
}

TEST_CASE("a campaign without point programs refuses points records") {
  Run r;
  r.feed(
      R"({"id":"p","time":"2026-11-27T10:00:00Z","channel":"points","points":3000,"program":"card-points","donor":"k","status":"completed"})"
      "\n");
  REQUIRE(r.rejects.size() == 1);
  CHECK(r.reject_texts[0] ==
        "/program: \"card-points\" is not one of the campaign's point programs (it has none)");
}

TEST_CASE("totals past 2^63-1 are refused, never wrapped") {
  Run r;
  r.feed(rec("a", t1, "card", INT64_MAX, "k") + rec("b", t1, "card", 1, "k"));
  CHECK(r.agg.feed(0).raised == INT64_MAX);
  REQUIRE(r.rejects.size() == 1);
  CHECK_THAT(r.reject_texts[0], Contains("would take the total past"));
}

TEST_CASE("CSV and JSON Lines give the same totals") {
  Run json, csv;
  json.feed(rec("a", t1, "card", 5000, "k1") + rec("b", t1, "transfer", 300, "k2"));
  csv.feed(
      "\xEF\xBB\xBFid,time,channel,amount,donor,status\r\n"
      "a,2026-11-27T10:00:00+09:00,card,5000,k1,completed\r\n"
      "b,2026-11-27T10:00:00+09:00,transfer,300,k2,completed\r\n",
      kifu::RecordFormat::csv);
  CHECK(json.agg.feed(0).raised == csv.agg.feed(0).raised);
  CHECK(csv.agg.feed(0).donors == 2);
  CHECK(csv.rejects.empty());
}

TEST_CASE("the history lists each day's giving per channel in the campaign's time zone") {
  Run r;
  // 2026-11-27T23:30Z is 2026-11-28 08:30 in Tokyo.
  r.feed(rec("a", t1, "card", 5000, "k1") +
         rec("b", "2026-11-27T23:30:00Z", "transfer", 300, "k2") +
         rec("c", "2026-11-28T09:00:00+09:00", "card", 20, "k2"));
  const std::int64_t as_of = 1796000000;  // 2026-11-30T00:53:20Z (`date -u -d @1796000000`)
  const std::string text = kifu::history_json(r.agg, as_of, "");
  CHECK_THAT(text, Contains(R"(["2026-11-27",0,5000,0,0])"));
  CHECK_THAT(text, Contains(R"(["2026-11-28",0,20,300,0])"));
  CHECK_THAT(text, Contains(R"("through": "2026-11-29")"));
  auto h = kifu::parse_history(text, r.campaign);
  REQUIRE(h.diagnostics.errors.empty());
  REQUIRE(h.ok());
  // daily[0] is 2026-04-01; 2026-11-27 is day 240 (30+31+30+31+31+30+31+26).
  CHECK(h.value->daily[240] == 5000);
  CHECK(h.value->daily[241] == 320);
}

TEST_CASE("the written feed reads back as valid for its campaign") {
  Run r;
  r.feed(rec("a", t1, "card", 5000, "k1"));
  const std::string text = kifu::feed_json(r.agg.feed(1796000000), r.campaign, "history.json");
  auto f = kifu::parse_feed(text, r.campaign);
  REQUIRE(f.diagnostics.errors.empty());
  CHECK(f.diagnostics.warnings.empty());
  CHECK(f.value->raised == 5000);
  CHECK(f.value->history_url == "history.json");
  CHECK_THAT(text, Contains(R"("as_of": "2026-11-30T09:53:20+09:00")"));
}

TEST_CASE("400,000 similar keys get 400,000 digests") {
  // Donor keys like "donor-270008" collided in a first hash design: the
  // aggregation then counted 1,000 donors too few out of 333,334.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  for (int i = 0; i < 400'000; ++i) {
    auto d = kifu::digest_of("donor-" + std::to_string(i));
    seen.emplace_back(d.hi, d.lo);
  }
  std::sort(seen.begin(), seen.end());
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE("different keys get different digests") {
  auto a = kifu::digest_of("d-1"), b = kifu::digest_of("d-2"), c = kifu::digest_of("d-1\0"s);
  CHECK((a.hi != b.hi || a.lo != b.lo));
  CHECK((a.hi != c.hi || a.lo != c.lo));
}

namespace {

// Records whose outcomes depend on each other: donations, exact re-sends,
// other donations under used ids, refunds of earlier ids (some twice),
// refunds before their donation, and refunds of ids never used.
std::string entangled_records(int n) {
  std::string out;
  std::uint32_t s = 7;
  auto pick = [&](std::uint32_t k) {
    s = s * 1103515245u + 12345u;
    return (s >> 8) % k;
  };
  int next = 0;
  for (int i = 0; i < n; ++i) {
    const auto u = pick(100);
    const std::string old =
        "r" +
        std::to_string(next > 0 ? static_cast<int>(pick(static_cast<std::uint32_t>(next))) : 0);
    if (u < 10 && next > 0) {
      const auto v = static_cast<long long>(kifu::digest_of(old).lo % 900 + 100);
      out += rec(old, t1, "card", u < 7 ? v : v + 1, "k" + std::to_string(v % 37));
    } else if (u < 20 && next > 0) {
      out += R"({"id":")" + old +
             R"(","time":"2026-12-01T00:00:00Z","status":"refunded"})"
             "\n";
    } else if (u < 24) {
      out += R"({"id":"r)" + std::to_string(next + 3) +
             R"(","time":"2026-12-01T00:00:00Z","status":"cancelled"})"
             "\n";
    } else {
      const std::string id = "r" + std::to_string(next++);
      const auto v = static_cast<long long>(kifu::digest_of(id).lo % 900 + 100);
      out += rec(id, t1, "card", v, "k" + std::to_string(v % 37));
    }
  }
  return out;
}

struct Outcome {
  kifu::Feed feed;
  kifu::AggregateCounts counts;
  std::vector<std::uint64_t> reject_lines;
  std::vector<std::array<std::int64_t, 4>> days;
  bool spilled;
};

Outcome aggregate_with(const std::string& text, std::size_t budget) {
  const kifu::Campaign campaign = the_campaign();
  const char* tmp = std::getenv("TMPDIR");
  kifu::Aggregator agg(campaign, {budget, tmp != nullptr ? tmp : "/tmp"});
  kifu::RecordFile in(agg, kifu::RecordFormat::json_lines);
  in.push(text);
  in.finish();
  Outcome o{};
  REQUIRE(agg.finish([&](const kifu::Reject& r) { o.reject_lines.push_back(r.line); }));
  o.feed = agg.feed(0);
  o.counts = agg.counts();
  o.days = agg.days();
  o.spilled = agg.spilled();
  return o;
}

}  // namespace

TEST_CASE("a memory budget far below the input changes nothing but where ids wait") {
  const std::string text = entangled_records(20'000);
  const Outcome memory = aggregate_with(text, std::size_t{64} << 20);
  // 4 KiB: partitions of at most 16 records; 256 of them, each split again.
  const Outcome tiny = aggregate_with(text, 4096);
  CHECK_FALSE(memory.spilled);
  CHECK(tiny.spilled);
  CHECK(tiny.feed.raised == memory.feed.raised);
  CHECK(tiny.feed.donors == memory.feed.donors);
  CHECK(tiny.feed.donations == memory.feed.donations);
  CHECK(*tiny.feed.by_channel == *memory.feed.by_channel);
  CHECK(tiny.days == memory.days);
  CHECK(tiny.reject_lines == memory.reject_lines);
  CHECK(std::is_sorted(tiny.reject_lines.begin(), tiny.reject_lines.end()));
  CHECK(tiny.counts.duplicates == memory.counts.duplicates);
  CHECK(tiny.counts.removed == memory.counts.removed);
  CHECK(tiny.counts.read == tiny.counts.accepted + tiny.counts.rejected + tiny.counts.duplicates);
  // The mix holds every kind the second pass settles.
  CHECK(memory.counts.duplicates > 0);
  CHECK(memory.counts.removed > 0);
  CHECK(memory.reject_lines.size() > 100);
}

TEST_CASE("a refund that comes before its donation is a reject, the donation still counts") {
  Run r;
  r.feed(R"({"id":"a","time":"2026-12-01T00:00:00Z","status":"refunded"})"
         "\n" +
         rec("a", t1, "card", 5000, "k1"));
  CHECK(r.agg.feed(0).raised == 5000);
  REQUIRE(r.rejects.size() == 1);
  CHECK(r.rejects[0].line == 1);
  CHECK_THAT(r.reject_texts[0], Contains("not among the donations read so far"));
}
