// Commands of the kifu CLI that live outside main.cpp.
#pragma once

#include <string>

namespace kifu_cli {

// kifu aggregate --campaign DEFINITION --out FEED [options] [FILE...]
int aggregate_command(int argc, char** argv);

// kifu validate FILE --as records --campaign DEFINITION [--format jsonl|csv] [--json]
int validate_records(const std::string& path, const std::string& campaign_path,
                     const std::string& format, bool json);

// A file name that says it holds records (.jsonl, .ndjson, .csv).
bool is_records_path(const std::string& path);

}  // namespace kifu_cli
