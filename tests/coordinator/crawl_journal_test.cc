#include "coordinator/crawl_journal.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "export/jsonl_exporter.h"
#include "support/temp_dir.h"
#include "support/value_or_fail.h"

namespace arachne {
namespace {

using namespace std::chrono_literals;
using test::ReadFile;
using test::TempDir;
using test::ValueOrFail;

const std::vector<std::unique_ptr<Exporter>> kNoExporters;

QueuedUrl Url(const std::string& url, int depth = 0) {
  QueuedUrl u;
  u.url = url;
  u.depth = depth;
  return u;
}

QueuedUrl FullUrl() {
  QueuedUrl u;
  u.url = "http://127.0.0.1:8080/a?b=c";
  u.referrer = "http://127.0.0.1:8080/";
  u.depth = 300;  // more than one varint byte
  u.attempts = 1;
  u.retries = 2;
  u.sitemap = true;
  u.redirects = {"http://127.0.0.1:8080/r1", "http://127.0.0.1:8080/r2", std::string("bin\0\xff", 5)};
  u.job_key = 99;
  return u;
}

void ExpectSameUrl(const QueuedUrl& a, const QueuedUrl& b) {
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.referrer, b.referrer);
  EXPECT_EQ(a.depth, b.depth);
  EXPECT_EQ(a.attempts, b.attempts);
  EXPECT_EQ(a.retries, b.retries);
  EXPECT_EQ(a.sitemap, b.sitemap);
  EXPECT_EQ(a.redirects, b.redirects);
}

std::unique_ptr<CrawlJournal> OpenOrFail(const std::string& dir) {
  return ValueOrFail(CrawlJournal::Open(dir));
}

CrawlJournal::Resumed LoadOrFail(CrawlJournal& journal, std::chrono::seconds robots_cache = 1h,
                                 std::uint64_t max_in_memory = UINT64_MAX) {
  return ValueOrFail(journal.Load(robots_cache, max_in_memory));
}

std::vector<std::string> UrlsOf(const std::vector<QueuedUrl>& queued) {
  std::vector<std::string> urls;
  for (const QueuedUrl& u : queued) urls.push_back(u.url);
  return urls;
}

std::vector<std::uint64_t> KeysOf(const std::vector<QueuedUrl>& queued) {
  std::vector<std::uint64_t> keys;
  for (const QueuedUrl& u : queued) keys.push_back(u.job_key);
  return keys;
}

std::vector<QueuedUrl> UnspillOrFail(CrawlJournal& journal, std::size_t n) {
  return ValueOrFail(journal.Unspill(n));
}

// A checkpoint of the journal alone (no outputs), still running.
void SaveOrFail(CrawlJournal& journal) {
  ASSERT_TRUE(journal.Checkpoint(kNoExporters, CrawlStats(), "{}", "running").ok());
}

// --- EncodeQueuedUrl / DecodeQueuedUrl ---

TEST(QueuedUrlEncoding, RoundTripsEveryField) {
  const QueuedUrl in = FullUrl();
  QueuedUrl out;
  ASSERT_TRUE(DecodeQueuedUrl(EncodeQueuedUrl(in), out));
  ExpectSameUrl(out, in);
  EXPECT_EQ(out.job_key, 0u) << "the key is the entry's, not part of its value";
}

TEST(QueuedUrlEncoding, RoundTripsDefaultsAndNegativeNumbers) {
  QueuedUrl in = Url("http://a/");
  QueuedUrl out = FullUrl();  // decoding replaces whatever was there
  ASSERT_TRUE(DecodeQueuedUrl(EncodeQueuedUrl(in), out));
  ExpectSameUrl(out, in);
  in.depth = -1;
  in.retries = INT32_MAX;
  in.attempts = INT32_MIN;
  ASSERT_TRUE(DecodeQueuedUrl(EncodeQueuedUrl(in), out));
  ExpectSameUrl(out, in);
}

TEST(QueuedUrlEncoding, TruncatedBytesAreRejectedAtEveryLength) {
  const std::string bytes = EncodeQueuedUrl(FullUrl());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    QueuedUrl out;
    EXPECT_FALSE(DecodeQueuedUrl(std::string_view(bytes).substr(0, n), out)) << "length " << n;
  }
  QueuedUrl no_redirects = FullUrl();
  no_redirects.redirects.clear();
  const std::string short_bytes = EncodeQueuedUrl(no_redirects);
  for (std::size_t n = 0; n < short_bytes.size(); ++n) {
    QueuedUrl out;
    EXPECT_FALSE(DecodeQueuedUrl(std::string_view(short_bytes).substr(0, n), out)) << "length " << n;
  }
}

TEST(QueuedUrlEncoding, AnUnknownFormatVersionIsRejected) {
  std::string bytes = EncodeQueuedUrl(FullUrl());
  ASSERT_EQ(bytes[0], '\x01') << "version 1, one varint byte";
  QueuedUrl out;
  for (char version : {'\x00', '\x02', '\x7f'}) {
    bytes[0] = version;
    EXPECT_FALSE(DecodeQueuedUrl(bytes, out)) << static_cast<int>(version);
  }
}

TEST(QueuedUrlEncoding, TrailingBytesAreRejected) {
  const std::string bytes = EncodeQueuedUrl(FullUrl());
  QueuedUrl out;
  EXPECT_FALSE(DecodeQueuedUrl(bytes + "x", out));
  EXPECT_FALSE(DecodeQueuedUrl(bytes + std::string(1, '\0'), out));
}

TEST(QueuedUrlEncoding, AnAbsurdRedirectCountIsRejectedWithoutAllocating) {
  QueuedUrl in = Url("http://a/");
  std::string bytes = EncodeQueuedUrl(in);
  ASSERT_EQ(bytes.back(), '\0') << "the redirect count comes last";
  bytes.pop_back();
  bytes += "\xff\xff\xff\xff\xff\xff\xff\xff\x7f";  // 2^63 - 1
  QueuedUrl out;
  EXPECT_FALSE(DecodeQueuedUrl(bytes, out));
}

TEST(QueuedUrlEncoding, ABadSitemapFlagIsRejected) {
  QueuedUrl in = Url("http://a/");
  in.sitemap = true;
  std::string bytes = EncodeQueuedUrl(in);
  ASSERT_EQ(bytes[bytes.size() - 2], '\x01') << "the flag, then the redirect count";
  bytes[bytes.size() - 2] = '\x02';
  QueuedUrl out;
  EXPECT_FALSE(DecodeQueuedUrl(bytes, out));
}

// --- CrawlJournal ---

FetchOutcome RobotsResponse() {
  FetchOutcome robots;
  robots.status = 200;
  robots.body = "User-agent: *\nDisallow: /private\n";
  robots.url = "not saved";
  return robots;
}

// Opens a fresh folder and queues three URLs, settles the first, records pages of two hosts and a
// robots.txt; then checkpoints.
void RunFirstCrawl(const std::string& dir, CrawlStats& stats) {
  auto journal = OpenOrFail(dir);
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed fresh = LoadOrFail(*journal);
  EXPECT_TRUE(fresh.fresh);
  EXPECT_TRUE(fresh.queued.empty());
  EXPECT_TRUE(fresh.state.empty());
  EXPECT_TRUE(fresh.robots.empty());

  QueuedUrl a = Url("http://a.test:8080/1");
  QueuedUrl b = Url("http://a.test:8080/2", 1);
  b.referrer = "http://a.test:8080/1";
  QueuedUrl c = FullUrl();
  c.job_key = 0;
  c.url = "http://b.test/3";
  journal->Queue(a, 0);
  journal->Queue(b, 0);
  journal->Queue(c, 0);
  EXPECT_EQ(a.job_key, 1u);
  EXPECT_EQ(b.job_key, 2u);
  EXPECT_EQ(c.job_key, 3u);
  for (const QueuedUrl* u : {&a, &b, &c}) ASSERT_TRUE(*journal->seen().Insert(u->url));

  journal->Settle(a);
  journal->Recorded("http://a.test:8080", false);
  journal->Recorded("http://a.test:8080", true);
  journal->Recorded("http://b.test", false);
  journal->RobotsFetched("http://a.test:8080", RobotsResponse());

  Record page;
  page.url = a.url;
  page.status = 200;
  page.bytes = 123;
  stats.Count(page);
  for (int i = 0; i < 3; ++i) stats.CountDiscovered();
  const Status s = journal->Checkpoint(kNoExporters, stats, "{}", "running");
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST(CrawlJournal, AReopenedFolderGivesBackTheCheckpointedCrawl) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.File("job"), stats));

  auto journal = OpenOrFail(dir.File("job"));
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  EXPECT_FALSE(resumed.fresh);
  EXPECT_EQ(resumed.state, "running");
  EXPECT_EQ(resumed.config, "{}");
  EXPECT_EQ(resumed.stats, stats.Save());
  EXPECT_TRUE(resumed.output_lengths.empty());

  ASSERT_EQ(resumed.queued.size(), 2u);
  EXPECT_EQ(resumed.queued[0].url, "http://a.test:8080/2");
  EXPECT_EQ(resumed.queued[0].job_key, 2u);
  EXPECT_EQ(resumed.queued[0].depth, 1);
  EXPECT_EQ(resumed.queued[0].referrer, "http://a.test:8080/1");
  EXPECT_EQ(resumed.queued[1].job_key, 3u);
  QueuedUrl c = FullUrl();
  c.url = "http://b.test/3";
  ExpectSameUrl(resumed.queued[1], c);

  EXPECT_EQ(resumed.done_per_host,
            (std::map<std::string, std::uint64_t>{{"http://a.test:8080", 2}, {"http://b.test", 1}}));

  ASSERT_EQ(resumed.robots.size(), 1u);
  EXPECT_EQ(resumed.robots[0].origin, "http://a.test:8080");
  EXPECT_EQ(resumed.robots[0].response.status, 200);
  EXPECT_EQ(resumed.robots[0].response.body, RobotsResponse().body);
  EXPECT_EQ(resumed.robots[0].response.error, "");
  EXPECT_GE(resumed.robots[0].age, 0s);
  EXPECT_LE(resumed.robots[0].age, 60s);

  EXPECT_EQ(journal->seen().size(), 3u);
  EXPECT_TRUE(*journal->seen().Contains("http://a.test:8080/1"));
  EXPECT_TRUE(*journal->seen().Contains("http://b.test/3"));
  EXPECT_FALSE(*journal->seen().Contains("http://a.test:8080/4"));
  EXPECT_FALSE(*journal->seen().Insert("http://a.test:8080/2"));
}

TEST(CrawlJournal, NewKeysGoOnAfterTheSavedOnesEvenWhenTheLastWasSettled) {
  TempDir dir;
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    QueuedUrl a = Url("http://a/1"), b = Url("http://a/2"), c = Url("http://a/3");
    journal->Queue(a, 0);
    journal->Queue(b, 0);
    journal->Queue(c, 0);
    journal->Settle(c);
    ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  EXPECT_EQ(UrlsOf(resumed.queued), (std::vector<std::string>{"http://a/1", "http://a/2"}));
  QueuedUrl d = Url("http://a/4");
  journal->Queue(d, 0);
  EXPECT_EQ(d.job_key, 4u) << "key 3 was used; a reused key could overwrite a saved URL";
}

TEST(CrawlJournal, ResavingAUrlKeepsItsKeyAndSavesItsChanges) {
  TempDir dir;
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    QueuedUrl a = Url("http://a/1"), b = Url("http://a/2");
    journal->Queue(a, 0);
    journal->Queue(b, 0);
    a.retries = 2;
    a.attempts = 1;
    journal->Resave(a);
    EXPECT_EQ(a.job_key, 1u);
    ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  ASSERT_EQ(resumed.queued.size(), 2u);
  EXPECT_EQ(resumed.queued[0].url, "http://a/1");
  EXPECT_EQ(resumed.queued[0].retries, 2);
  EXPECT_EQ(resumed.queued[0].attempts, 1);
  EXPECT_EQ(resumed.queued[1].url, "http://a/2");
}

TEST(CrawlJournal, ARobotsResponseOlderThanTheCacheIsLeftOut) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal, 0s);
  EXPECT_TRUE(resumed.robots.empty());
  EXPECT_EQ(resumed.queued.size(), 2u) << "the rest is loaded as usual";
}

TEST(CrawlJournal, ARobotsErrorIsKept) {
  TempDir dir;
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    FetchOutcome failed;
    failed.status = 0;
    failed.error = "timeout";
    journal->RobotsFetched("https://c.test", failed);
    ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  ASSERT_EQ(resumed.robots.size(), 1u);
  EXPECT_EQ(resumed.robots[0].origin, "https://c.test");
  EXPECT_EQ(resumed.robots[0].response.status, 0);
  EXPECT_EQ(resumed.robots[0].response.error, "timeout");
  EXPECT_EQ(resumed.robots[0].response.body, "");
}

TEST(CrawlJournal, NothingAfterTheLastCheckpointSurvives) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
    ASSERT_EQ(resumed.queued.size(), 2u);
    QueuedUrl late = Url("http://a.test:8080/late");
    journal->Queue(late, 0);
    ASSERT_TRUE(*journal->seen().Insert(late.url));
    journal->Settle(resumed.queued[0]);
    journal->Recorded("http://a.test:8080", false);
    journal->RobotsFetched("http://b.test", RobotsResponse());
  }  // no Checkpoint: a crash
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  EXPECT_EQ(UrlsOf(resumed.queued), (std::vector<std::string>{"http://a.test:8080/2", "http://b.test/3"}));
  EXPECT_FALSE(*journal->seen().Contains("http://a.test:8080/late"));
  EXPECT_EQ(resumed.done_per_host.at("http://a.test:8080"), 2u);
  ASSERT_EQ(resumed.robots.size(), 1u);
  EXPECT_EQ(resumed.robots[0].origin, "http://a.test:8080");
}

TEST(CrawlJournal, TalliesGoOnFromTheSavedOnes) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    journal->Recorded("http://a.test:8080", true);
    journal->Recorded("http://c.test", false);
    ASSERT_TRUE(journal->Checkpoint(kNoExporters, stats, "{}", "finished").ok());
  }
  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir.path());
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  EXPECT_EQ(progress->state, "finished");
  EXPECT_EQ(progress->hosts.at("http://a.test:8080").done, 3u);
  EXPECT_EQ(progress->hosts.at("http://a.test:8080").failed, 2u);
  EXPECT_EQ(progress->hosts.at("http://b.test").done, 1u) << "a host not changed since is kept";
  EXPECT_EQ(progress->hosts.at("http://c.test").done, 1u);
  EXPECT_EQ(progress->done, 5u);
  EXPECT_EQ(progress->failed, 2u);
}

TEST(CrawlJournal, ASecondOpenOfAFolderInUseFails) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  Result<std::unique_ptr<CrawlJournal>> second = CrawlJournal::Open(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("in use"), std::string::npos) << second.status().message();
}

void ExpectFirstCrawlProgress(const JobProgress& progress) {
  EXPECT_EQ(progress.state, "running");
  EXPECT_EQ(progress.config, "{}");
  EXPECT_EQ(progress.done, 3u);
  EXPECT_EQ(progress.failed, 1u);
  EXPECT_EQ(progress.queued, 2u);
  EXPECT_EQ(progress.discovered, 3u);
  ASSERT_EQ(progress.hosts.size(), 2u);
  const JobProgress::Host& a = progress.hosts.at("http://a.test:8080");
  EXPECT_EQ(a.done, 2u);
  EXPECT_EQ(a.failed, 1u);
  EXPECT_EQ(a.queued, 1u);
  const JobProgress::Host& b = progress.hosts.at("http://b.test");
  EXPECT_EQ(b.done, 1u);
  EXPECT_EQ(b.failed, 0u);
  EXPECT_EQ(b.queued, 1u);
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GT(progress.saved_at, now - 60);
  EXPECT_LE(progress.saved_at, now + 1);
  EXPECT_TRUE(progress.outputs.empty());
}

TEST(CrawlJournal, ReadProgressOfAClosedFolder) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir.path());
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  ExpectFirstCrawlProgress(*progress);
}

TEST(CrawlJournal, ReadProgressWhileTheCrawlHasTheFolderOpen) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal);
  QueuedUrl pending = Url("http://a.test:8080/pending");
  journal->Queue(pending, 0);
  journal->Recorded("http://a.test:8080", false);

  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir.path());
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  ExpectFirstCrawlProgress(*progress);  // what is pending is not shown

  ASSERT_TRUE(journal->Checkpoint(kNoExporters, stats, "{}", "running").ok());
  progress = CrawlJournal::ReadProgress(dir.path());
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  EXPECT_EQ(progress->queued, 3u);
  EXPECT_EQ(progress->done, 4u);
  EXPECT_EQ(progress->hosts.at("http://a.test:8080").queued, 2u);
}

TEST(CrawlJournal, ReadProgressOfAFolderWithoutACrawlIsNotFound) {
  TempDir dir;
  EXPECT_EQ(CrawlJournal::ReadProgress(dir.path()).status().code(), Status::Code::kNotFound);
  dir.Write("other/file.txt", "x");
  EXPECT_EQ(CrawlJournal::ReadProgress(dir.File("other")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(CrawlJournal::ReadProgress(dir.File("missing")).status().code(), Status::Code::kNotFound);
  {
    auto journal = OpenOrFail(dir.File("job"));  // a folder never checkpointed
    ASSERT_NE(journal, nullptr);
  }
  EXPECT_EQ(CrawlJournal::ReadProgress(dir.File("job")).status().code(), Status::Code::kNotFound);
}

TEST(CrawlJournal, CheckpointSavesEachOutputsSyncedLength) {
  TempDir dir;
  const std::string out = dir.File("site.jsonl");
  std::uint64_t saved_length = 0;
  {
    auto journal = OpenOrFail(dir.File("job"));
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    std::vector<std::unique_ptr<Exporter>> exporters;
    auto exporter = OpenJsonlExporter(out);
    ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
    exporters.push_back(std::move(exporter).value());
    Record r;
    r.url = "http://a/1";
    ASSERT_TRUE(exporters[0]->Write(r).ok());
    ASSERT_TRUE(journal->Checkpoint(exporters, CrawlStats(), "{}", "running").ok());
    saved_length = ReadFile(out).size();
    EXPECT_GT(saved_length, 10u) << "the checkpoint writes the record to the file";
    ASSERT_TRUE(exporters[0]->Write(r).ok());  // after the checkpoint: not counted
    ASSERT_TRUE(exporters[0]->Close().ok());
  }
  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir.File("job"));
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  EXPECT_EQ(progress->outputs, (std::map<std::string, std::uint64_t>{{out, saved_length}}));
  auto journal = OpenOrFail(dir.File("job"));
  ASSERT_NE(journal, nullptr);
  EXPECT_EQ(LoadOrFail(*journal).output_lengths, (std::map<std::string, std::uint64_t>{{out, saved_length}}));
}

TEST(CrawlJournal, ACheckpointWhoseOutputCannotBeWrittenSavesNothing) {
  TempDir dir;
  CrawlStats stats;
  ASSERT_NO_FATAL_FAILURE(RunFirstCrawl(dir.path(), stats));
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    std::vector<std::unique_ptr<Exporter>> exporters;
    auto exporter = OpenJsonlExporter("/dev/full");
    ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
    exporters.push_back(std::move(exporter).value());
    Record r;
    r.url = "http://a.test:8080/lost";
    ASSERT_TRUE(exporters[0]->Write(r).ok());

    QueuedUrl lost = Url("http://a.test:8080/lost");
    journal->Queue(lost, 0);
    ASSERT_TRUE(*journal->seen().Insert(lost.url));
    journal->Recorded("http://a.test:8080", false);
    const Status s = journal->Checkpoint(exporters, stats, "{\"changed\":1}", "finished");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), Status::Code::kIoError);
    EXPECT_NE(s.message().find("/dev/full"), std::string::npos) << s.message();
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  EXPECT_EQ(UrlsOf(resumed.queued), (std::vector<std::string>{"http://a.test:8080/2", "http://b.test/3"}));
  EXPECT_FALSE(*journal->seen().Contains("http://a.test:8080/lost"));
  EXPECT_EQ(resumed.state, "running");
  EXPECT_EQ(resumed.config, "{}");
  EXPECT_EQ(resumed.done_per_host.at("http://a.test:8080"), 2u);
  EXPECT_TRUE(resumed.output_lengths.empty());
}

TEST(CrawlJournal, HeavyWhenManyBytesArePending) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal);
  EXPECT_FALSE(journal->Heavy());
  FetchOutcome big;
  big.status = 200;
  big.body = std::string(1 << 20, 'x');
  for (int i = 0; i < 31; ++i) journal->RobotsFetched("http://h" + std::to_string(i), big);
  EXPECT_FALSE(journal->Heavy());
  for (int i = 31; i < 33; ++i) journal->RobotsFetched("http://h" + std::to_string(i), big);
  EXPECT_TRUE(journal->Heavy());
}

// --- URLs waiting on disk (spilled) ---

TEST(CrawlJournal, PastMaxInMemoryNewUrlsSpillAndEveryNewerOneToo) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal, 1h, /*max_in_memory=*/2);
  QueuedUrl a = Url("http://a/1"), b = Url("http://a/2"), c = Url("http://a/3"), d = Url("http://a/4");
  EXPECT_FALSE(journal->Queue(a, 0));
  EXPECT_FALSE(journal->Queue(b, 1));
  EXPECT_EQ(journal->spilled(), 0u);
  EXPECT_TRUE(journal->Queue(c, 2)) << "the frontier is full";
  EXPECT_EQ(journal->spilled(), 1u);
  EXPECT_TRUE(journal->Queue(d, 0)) << "an earlier URL waits on disk: a newer one waits behind it";
  EXPECT_EQ(journal->spilled(), 2u);
  EXPECT_EQ(KeysOf({a, b, c, d}), (std::vector<std::uint64_t>{1, 2, 3, 4}));

  a.retries = 1;
  journal->Resave(a);
  EXPECT_EQ(a.job_key, 1u) << "a URL saved again keeps its place";
  EXPECT_EQ(journal->spilled(), 2u);
}

TEST(CrawlJournal, ResavingAUrlWithoutAKeySavesNothing) {
  TempDir dir;
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal, 1h, /*max_in_memory=*/1);
    QueuedUrl held = Url("http://a/held-in-memory");  // queued before the journal existed: no key
    QueuedUrl spilled = Url("http://a/spilled");
    EXPECT_TRUE(journal->Queue(spilled, 1));
    held.retries = 1;
    journal->Resave(held);
    EXPECT_EQ(held.job_key, 0u);
    EXPECT_EQ(journal->spilled(), 1u);
    ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal);
  ASSERT_EQ(resumed.queued.size(), 1u);
  EXPECT_EQ(resumed.queued[0].url, "http://a/spilled");
}

TEST(CrawlJournal, UnspillGivesBackTheCheckpointedSpilledUrlsOldestFirst) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal, 1h, /*max_in_memory=*/2);
  std::vector<QueuedUrl> urls;
  for (int i = 1; i <= 6; ++i) {
    urls.push_back(Url("http://a/" + std::to_string(i), i));
    journal->Queue(urls.back(), std::min<std::uint64_t>(static_cast<std::uint64_t>(i - 1), 2));
  }
  ASSERT_EQ(journal->spilled(), 4u);
  ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));

  const std::vector<QueuedUrl> first = UnspillOrFail(*journal, 2);
  EXPECT_EQ(UrlsOf(first), (std::vector<std::string>{"http://a/3", "http://a/4"}));
  EXPECT_EQ(KeysOf(first), (std::vector<std::uint64_t>{3, 4}));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].depth, 3);
  EXPECT_EQ(journal->spilled(), 2u);

  const std::vector<QueuedUrl> rest = UnspillOrFail(*journal, 10);
  EXPECT_EQ(UrlsOf(rest), (std::vector<std::string>{"http://a/5", "http://a/6"}));
  EXPECT_EQ(KeysOf(rest), (std::vector<std::uint64_t>{5, 6}));
  EXPECT_EQ(journal->spilled(), 0u);

  QueuedUrl next = Url("http://a/7");
  EXPECT_FALSE(journal->Queue(next, 1)) << "nothing waits on disk any more";
  EXPECT_EQ(next.job_key, 7u);
  EXPECT_TRUE(journal->Queue(urls[0] = Url("http://a/8"), 2));
  EXPECT_EQ(journal->spilled(), 1u);
  ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  EXPECT_EQ(UrlsOf(UnspillOrFail(*journal, 10)), std::vector<std::string>{"http://a/8"})
      << "a second spill starts after the URLs read back before";
}

TEST(CrawlJournal, SpilledUrlsSettledInTheFrontierAreNotReadBack) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal, 1h, /*max_in_memory=*/1);
  QueuedUrl a = Url("http://a/1"), b = Url("http://a/2"), c = Url("http://a/3");
  EXPECT_FALSE(journal->Queue(a, 0));
  EXPECT_TRUE(journal->Queue(b, 1));
  EXPECT_TRUE(journal->Queue(c, 1));
  journal->Settle(a);  // the frontier's URL is done: it must not come back with the spilled ones
  ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  EXPECT_EQ(UrlsOf(UnspillOrFail(*journal, 5)), (std::vector<std::string>{"http://a/2", "http://a/3"}));
}

TEST(CrawlJournal, LoadKeepsAtMostMaxInMemoryAndSpillsTheRest) {
  TempDir dir;
  {
    auto journal = OpenOrFail(dir.path());
    ASSERT_NE(journal, nullptr);
    LoadOrFail(*journal);
    for (int i = 1; i <= 5; ++i) {
      QueuedUrl u = Url("http://a/" + std::to_string(i));
      EXPECT_FALSE(journal->Queue(u, static_cast<std::uint64_t>(i)));
    }
    ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  }
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  const CrawlJournal::Resumed resumed = LoadOrFail(*journal, 1h, /*max_in_memory=*/2);
  EXPECT_EQ(UrlsOf(resumed.queued), (std::vector<std::string>{"http://a/1", "http://a/2"}));
  EXPECT_EQ(journal->spilled(), 3u);
  QueuedUrl later = Url("http://a/6");
  EXPECT_TRUE(journal->Queue(later, 0)) << "older URLs wait on disk";
  EXPECT_EQ(later.job_key, 6u);
  ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));
  const std::vector<QueuedUrl> back = UnspillOrFail(*journal, 100);
  EXPECT_EQ(UrlsOf(back), (std::vector<std::string>{"http://a/3", "http://a/4", "http://a/5", "http://a/6"}));
  EXPECT_EQ(KeysOf(back), (std::vector<std::uint64_t>{3, 4, 5, 6}));
  EXPECT_EQ(journal->spilled(), 0u);

  Result<JobProgress> progress = CrawlJournal::ReadProgress(dir.path());
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  EXPECT_EQ(progress->queued, 6u) << "the status counts the URLs waiting on disk too";
}

// Fails: Unspill trusts its caller to ask only while URLs wait on disk, and for at least one. Unspill(0)
// reads nothing, takes the `urls.size() >= n` branch and sets spill_from_ to last + 1 = 1; asked again
// while nothing is spilled, it walks from spill_from_ anyway. Either way it hands back URLs the frontier
// holds already, which would be crawled twice (src/coordinator/crawl_journal.cc, Unspill). The coordinator
// does not do this today (Refill asks for max_in_memory - frontier size > 0, only when spilled() > 0).
// Run with --gtest_also_run_disabled_tests.
TEST(CrawlJournal, UnspillNeverGivesBackUrlsThatAreInMemory) {
  TempDir dir;
  auto journal = OpenOrFail(dir.path());
  ASSERT_NE(journal, nullptr);
  LoadOrFail(*journal, 1h, /*max_in_memory=*/1);
  QueuedUrl a = Url("http://a/in-memory"), b = Url("http://a/spilled");
  EXPECT_FALSE(journal->Queue(a, 0));
  EXPECT_TRUE(journal->Queue(b, 1));
  ASSERT_NO_FATAL_FAILURE(SaveOrFail(*journal));

  EXPECT_TRUE(UnspillOrFail(*journal, 0).empty());
  EXPECT_EQ(journal->spilled(), 1u);
  EXPECT_EQ(UrlsOf(UnspillOrFail(*journal, 10)), std::vector<std::string>{"http://a/spilled"});
  EXPECT_EQ(journal->spilled(), 0u);
  EXPECT_TRUE(UnspillOrFail(*journal, 10).empty()) << "nothing waits on disk";
}

}  // namespace
}  // namespace arachne
