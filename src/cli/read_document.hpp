// Reading a document file for the render commands.
#pragma once

#include <optional>
#include <string>

namespace kifu::cli {

// The file's bytes, at most one byte past the core's document limit: the core
// refuses the rest with the browser's message, and a huge file costs no
// memory. nullopt when the file cannot be opened or read.
std::optional<std::string> read_document(const std::string& path);

}  // namespace kifu::cli
