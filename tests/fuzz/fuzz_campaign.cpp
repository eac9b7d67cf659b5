// Any bytes as a campaign definition: a result with diagnostics, never a
// crash, hang, leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "campaign.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = kifu::parse_campaign(text);
  // A refused definition always says why.
  if (!parsed.ok() && parsed.diagnostics.errors.empty()) __builtin_trap();
  return 0;
}
