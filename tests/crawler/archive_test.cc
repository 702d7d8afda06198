// The archive ("warc": <name>.warc.gz) and the link graph ("links": <name>.links.csv) of real crawls of the
// test site. The archive is read back by a third-party reader, warcio.js from the npm registry
// (tests/export/warc_reader, installed by scripts/install-deps.sh), which recomputes every digest.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "arachne/crawler.h"
#include "support/run_command.h"
#include "support/run_crawl.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::CommandRun;
using test::Crawl;
using test::RunCommand;
using test::RunCrawl;
using test::ServeSite;
using test::ShellQuoted;
using test::StandardError;
using test::TempDir;
using testsite::SiteServer;

const std::string kReaderDir = std::string(ARACHNE_TEST_DATA_DIR) + "/../export/warc_reader";

Config ArchiveConfig(const SiteServer& server, const std::string& output_dir) {
  Config c;
  c.name = "site";
  c.seeds = {server.index_url()};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 2;
  c.workers.parsers = 1;
  c.politeness.max_per_host = 8;
  c.output.dir = output_dir;
  c.output.formats = {"warc", "links"};
  return c;
}

// What warcio made of each record (check_warc.mjs prints one JSON line a record); exit status in `status`.
std::vector<nlohmann::json> ReadWithWarcio(const std::string& path, int& status) {
  const CommandRun run =
      RunCommand("node " + ShellQuoted(kReaderDir + "/check_warc.mjs") + " " + ShellQuoted(path),
                 StandardError::kMerged);
  status = run.exit_status;
  const std::string& out = run.output;
  std::vector<nlohmann::json> records;
  std::size_t start = 0;
  for (std::size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    const nlohmann::json line = nlohmann::json::parse(out.substr(start, end - start), nullptr, false);
    if (line.is_discarded()) {
      ADD_FAILURE() << "check_warc.mjs said: " << out.substr(start, end - start);
      continue;
    }
    records.push_back(line);
  }
  return records;
}

TEST(Archive, WarcioReadsEveryExchangeWithItsDigests) {
  if (RunCommand("node --version >/dev/null 2>&1").exit_status != 0 ||
      !std::filesystem::exists(kReaderDir + "/node_modules")) {
    GTEST_SKIP() << "node or " << kReaderDir << "/node_modules missing: run scripts/install-deps.sh";
  }
  auto server = ServeSite({.pages = 60, .seed = 21});  // gzip on: the archive stores decoded bodies
  ASSERT_TRUE(server);
  TempDir out;
  Crawl crawl = RunCrawl(ArchiveConfig(*server, out.path()));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();

  int status = -1;
  const std::vector<nlohmann::json> warc = ReadWithWarcio(out.File("site.warc.gz"), status);
  EXPECT_EQ(status, 0) << "check_warc.mjs found a bad digest or record";
  ASSERT_FALSE(warc.empty());
  EXPECT_EQ(warc.front().at("type"), "warcinfo");
  std::map<std::string, const nlohmann::json*> responses;
  int requests = 0;
  for (const nlohmann::json& r : warc) {
    EXPECT_TRUE(r.at("blockDigestOk").get<bool>()) << r.dump();
    EXPECT_TRUE(r.at("gzipMember").get<bool>()) << r.dump();
    if (r.at("type") == "request") ++requests;
    if (r.at("type") != "response") continue;
    EXPECT_TRUE(r.at("payloadDigestOk").get<bool>()) << r.dump();
    EXPECT_TRUE(responses.emplace(r.at("uri").get<std::string>(), &r).second)
        << "archived twice: " << r.dump();
  }
  EXPECT_EQ(requests, static_cast<int>(responses.size()));

  // Every record with a response is archived, with its status and its whole (decoded) body; and robots.txt.
  std::set<std::string> expected = {server->base_url() + "/robots.txt"};
  for (const Record& record : crawl.records) {
    if (record.status == 0) continue;
    expected.insert(record.url);
    auto it = responses.find(record.url);
    if (it == responses.end()) {
      ADD_FAILURE() << "not archived: " << record.url << " status " << record.status << " error "
                    << record.error << " of " << responses.size();
      continue;
    }
    EXPECT_EQ(it->second->at("status"), record.status) << record.url;
    if (record.status == 200 && record.content_type.starts_with("text/html")) {
      EXPECT_EQ(it->second->at("payloadLength"), record.bytes) << record.url;
    }
  }
  std::set<std::string> archived;
  for (const auto& [uri, r] : responses) archived.insert(uri);
  EXPECT_EQ(archived, expected);
}

// The CSV rows "from,to" of each page.
std::map<std::string, std::set<std::string>> ReadLinks(const std::string& path, std::string& header) {
  std::ifstream in(path);
  std::getline(in, header);
  std::map<std::string, std::set<std::string>> edges;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Normalized URLs of the test site hold no comma or quote, so no field is quoted.
    const std::size_t comma = line.find(',');
    EXPECT_NE(comma, std::string::npos) << line;
    EXPECT_TRUE(edges[line.substr(0, comma)].insert(line.substr(comma + 1)).second) << "twice: " << line;
  }
  return edges;
}

TEST(Archive, TheLinkGraphHasEveryPagesInScopeLinks) {
  auto server = ServeSite({.pages = 80, .seed = 4});
  ASSERT_TRUE(server);
  TempDir out;
  Crawl crawl = RunCrawl(ArchiveConfig(*server, out.path()));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  std::string header;
  const std::map<std::string, std::set<std::string>> edges = ReadLinks(out.File("site.links.csv"), header);
  EXPECT_EQ(header, "from,to\r");

  const testsite::Origin origin = testsite::Origin::Parse(server->base_url());
  const std::string prefix = server->base_url() + "/";
  int pages = 0;
  for (const Record& record : crawl.records) {
    std::string path = record.url.substr(server->base_url().size());
    path = path.substr(0, path.find('?'));  // the site ignores the query
    const testsite::Resource resource = server->site().map().Lookup(path);
    if (resource.kind != testsite::Resource::Kind::kPage) {
      EXPECT_FALSE(edges.contains(record.url)) << "no links from " << record.url;
      continue;
    }
    // In scope: the site's own origin (the seed's host); .invalid hosts, mailto: and the like are not.
    std::set<std::string> want;
    for (const std::string& target :
         testsite::DistinctTargets(server->site().map().Page(resource.index, origin))) {
      if (target.starts_with(prefix)) want.insert(target);
    }
    auto it = edges.find(record.url);
    EXPECT_EQ(it == edges.end() ? std::set<std::string>{} : it->second, want) << record.url;
    ++pages;
  }
  EXPECT_GT(pages, 60);
}

}  // namespace
}  // namespace arachne
