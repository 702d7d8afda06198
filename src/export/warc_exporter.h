// The crawl's web archive: <name>.warc.gz, a warcinfo record, then the request and response records of every
// fetch (robots.txt, sitemaps and pages), each a gzip member, appended as the fetchers send them
// (FetchOutcome::warc, built by the fetcher that had the body: warc_record.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arachne/status.h"
#include "export/exporter.h"

namespace arachne {

// Creates (or truncates) `path` and writes its warcinfo record with `warcinfo` fields; with `resume_at`,
// goes on writing it at that length (a record boundary: records are appended whole).
Result<std::unique_ptr<Exporter>> OpenWarcExporter(
    const std::string& path, std::optional<std::uint64_t> resume_at,
    const std::vector<std::pair<std::string, std::string>>& warcinfo);

}  // namespace arachne
