// Gunzip: inflates a gzip file (RFC 1952) in memory, never past a cap, so that a small "bomb" of a few
// hundred kilobytes cannot make gigabytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

// True when `data` starts with the gzip magic bytes 1f 8b.
bool LooksGzipped(std::string_view data);

struct Inflated {
  std::string bytes;
  bool truncated = false;  // the output reached max_bytes and the rest was not inflated
};

// Fails on data that is not gzip or is corrupt before anything was inflated; data cut short after some
// output gives what was inflated (a crawler takes what it can).
Result<Inflated> Gunzip(std::string_view data, std::size_t max_bytes);

}  // namespace arachne
