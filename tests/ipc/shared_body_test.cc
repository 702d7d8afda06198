// BodyPool (fetcher) and BodyReader (parser) together: bodies in shared files, reused once given back.
#include "ipc/shared_body.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "ipc/body_pool.h"
#include "ipc/body_reader.h"

namespace arachne {
namespace {

// What a parser receives: its own descriptor of the file (SCM_RIGHTS duplicates it).
UniqueFd Received(const PlacedBody& placed) {
  return UniqueFd(::fcntl(placed.fd(), F_DUPFD_CLOEXEC, 0));
}

ino_t InodeOf(int fd) {
  struct stat st {};
  EXPECT_EQ(::fstat(fd, &st), 0);
  return st.st_ino;
}

TEST(SharedBody, APooledFileComesBackOnceTheParserIsDone) {
  BodyPool pool;
  BodyReader reader;
  auto first = pool.Place("<title>one</title>");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->pooled());
  const ino_t file = InodeOf(first->fd());
  {
    auto body = reader.Open(Received(*first));
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    EXPECT_EQ(body->view(), "<title>one</title>");
    // While the parser holds it, the fetcher must use another file.
    auto second = pool.Place("two");
    ASSERT_TRUE(second.ok());
    EXPECT_NE(InodeOf(second->fd()), file);
    EXPECT_EQ(pool.files(), 2u);
  }
  // Given back (and the second one was never taken: it is still queued), so the first file serves again.
  auto third = pool.Place("three");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(InodeOf(third->fd()), file);
  EXPECT_EQ(pool.files(), 2u);
  auto body = reader.Open(Received(*third));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->view(), "three");
  EXPECT_EQ(reader.cached_files(), 1u);  // mapped once, read twice
}

TEST(SharedBody, AFileGrowsForALargerBodyAndTheReaderMapsItAnew) {
  BodyPool pool;
  BodyReader reader;
  auto small = pool.Place("small");
  ASSERT_TRUE(small.ok());
  ASSERT_TRUE(reader.Open(Received(*small)).ok());
  const std::string large(500'000, 'L');
  auto grown = pool.Place(large);
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(InodeOf(grown->fd()), InodeOf(small->fd()));  // the same file, larger
  auto body = reader.Open(Received(*grown));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->view(), large);
  EXPECT_EQ(pool.files(), 1u);
}

TEST(SharedBody, ABodyOverTheFileCapOrAFullPoolGoesIntoAFileOfItsOwn) {
  BodyPool pool(BodyPoolLimits{.max_files = 2, .max_file_bytes = 1 << 20});
  BodyReader reader;
  const std::string big(2 << 20, 'b');
  auto once = pool.Place(big);
  ASSERT_TRUE(once.ok());
  EXPECT_FALSE(once->pooled());
  EXPECT_EQ(pool.files(), 0u);
  {
    auto body = reader.Open(Received(*once));
    ASSERT_TRUE(body.ok());
    EXPECT_EQ(body->view(), big);
  }
  EXPECT_EQ(reader.cached_files(), 0u);  // used once: not kept
  // Two queued bodies fill the pool; the third gets a file of its own.
  auto a = pool.Place("a"), b = pool.Place("b"), c = pool.Place("c");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(a->pooled());
  EXPECT_TRUE(b->pooled());
  EXPECT_FALSE(c->pooled());
  auto body = reader.Open(Received(*c));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->view(), "c");
}

TEST(SharedBody, AFileADeadParserHeldIsReclaimedAfterTheDelay) {
  BodyPool pool(
      BodyPoolLimits{.max_files = 1, .max_file_bytes = 1 << 20, .reclaim_after = std::chrono::seconds(1)});
  auto placed = pool.Place("held");
  ASSERT_TRUE(placed.ok());
  const ino_t file = InodeOf(placed->fd());
  // A parser takes it and dies without giving it back: the header says taken, and nobody will free it.
  {
    void* map = ::mmap(nullptr, kSharedBodyHeaderBytes, PROT_READ | PROT_WRITE, MAP_SHARED, placed->fd(), 0);
    ASSERT_NE(map, MAP_FAILED);
    auto& header = *static_cast<SharedBodyHeader*>(map);
    header.taken_at_ns = SharedBodyClockNs();
    StateOf(header).store(static_cast<std::uint32_t>(SharedBodyState::kTaken));
    ::munmap(map, kSharedBodyHeaderBytes);
  }
  auto early = pool.Place("early");
  ASSERT_TRUE(early.ok());
  EXPECT_FALSE(early->pooled());  // still taken
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto late = pool.Place("late");
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->pooled());
  EXPECT_EQ(InodeOf(late->fd()), file);
}

TEST(SharedBody, TheReaderRefusesWhatIsNotASharedBody) {
  BodyReader reader;
  UniqueFd empty(::memfd_create("t", MFD_CLOEXEC));
  EXPECT_FALSE(reader.Open(std::move(empty)).ok());
  UniqueFd garbage(::memfd_create("t", MFD_CLOEXEC));
  const std::string bytes(200, 'g');
  ASSERT_EQ(::write(garbage.get(), bytes.data(), bytes.size()), 200);
  auto refused = reader.Open(std::move(garbage));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not a shared body"), std::string::npos);
  // A header that claims more bytes than the file has.
  UniqueFd lying(::memfd_create("t", MFD_CLOEXEC));
  SharedBodyHeader header{kSharedBodyMagic, 1, 1, 1'000'000, 0};
  char page[kSharedBodyHeaderBytes + 10] = {};
  std::memcpy(page, &header, sizeof header);
  ASSERT_EQ(::write(lying.get(), page, sizeof page), static_cast<ssize_t>(sizeof page));
  EXPECT_FALSE(reader.Open(std::move(lying)).ok());
  EXPECT_EQ(reader.cached_files(), 0u);
}

TEST(SharedBody, AWriterFillsAPooledFileAsTheBodyArrives) {
  BodyPool pool;
  BodyReader reader;
  std::string expected;
  ino_t file = 0;
  {
    BodyPool::Writer writer(pool);
    EXPECT_EQ(writer.view(), "");
    ASSERT_TRUE(writer.Reserve(1000).ok());
    for (int i = 0; i < 3000; ++i) {  // past the Reserve and the first file size: it grows in place
      const std::string piece = "<p>" + std::to_string(i) + "</p>";
      ASSERT_TRUE(writer.Append(piece).ok());
      expected += piece;
    }
    EXPECT_EQ(writer.view(), expected);
    auto placed = writer.Seal();
    ASSERT_TRUE(placed.ok()) << placed.status().ToString();
    EXPECT_TRUE(placed->pooled());
    file = InodeOf(placed->fd());
    EXPECT_EQ(writer.view(), "");  // sealed: the writer holds nothing any more
    auto body = reader.Open(Received(*placed));
    ASSERT_TRUE(body.ok());
    EXPECT_EQ(body->view(), expected);
  }
  EXPECT_EQ(pool.files(), 1u);
  // Given back by the reader, the same file serves the next body.
  auto next = pool.Place("next");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(InodeOf(next->fd()), file);
}

TEST(SharedBody, AFileBeingFilledIsNobodyElsesAndComesBackIfNeverSealed) {
  BodyPool pool(BodyPoolLimits{.max_files = 1, .max_file_bytes = 1 << 20});
  {
    BodyPool::Writer writer(pool);
    ASSERT_TRUE(writer.Append("half a page").ok());
    auto other = pool.Place("another page");  // the only pooled file is being filled
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(other->pooled());
    writer.Clear();  // a redirect followed: the body starts again, in the same file
    ASSERT_TRUE(writer.Append("the final page").ok());
    EXPECT_EQ(writer.view(), "the final page");
  }  // the transfer failed: never sealed
  auto after = pool.Place("after");
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->pooled());
  EXPECT_EQ(pool.files(), 1u);
}

TEST(SharedBody, ABodyThatOutgrowsThePoolsFilesMovesToAFileOfItsOwn) {
  BodyPool pool(BodyPoolLimits{.max_files = 4, .max_file_bytes = 256 << 10});
  BodyReader reader;
  BodyPool::Writer writer(pool);
  std::string expected;
  const std::string chunk(10000, 'c');
  while (expected.size() < (1u << 20)) {  // no length known up front: it arrives in pieces
    ASSERT_TRUE(writer.Append(chunk).ok());
    expected += chunk;
  }
  EXPECT_EQ(writer.view(), expected);
  auto placed = writer.Seal();
  ASSERT_TRUE(placed.ok());
  EXPECT_FALSE(placed->pooled());
  auto body = reader.Open(Received(*placed));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->view(), expected);
  // The pooled file it started in went back to the pool.
  auto small = pool.Place("small");
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(small->pooled());
  EXPECT_EQ(pool.files(), 1u);
}

TEST(SharedBody, AnEmptyBodyCanBeSealed) {
  BodyPool pool;
  BodyReader reader;
  BodyPool::Writer writer(pool);
  auto placed = writer.Seal();
  ASSERT_TRUE(placed.ok());
  auto body = reader.Open(Received(*placed));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->view(), "");
}

// Best fit: a file grown for a large page keeps serving large pages, and a small page goes to a small
// file, so that the pool's files do not all grow to the size of the site's largest pages.
TEST(SharedBody, ASmallBodyGoesToASmallFileAndALargeOneToTheLargeFile) {
  BodyPool pool;
  BodyReader reader;
  const std::string large(500'000, 'L');
  ino_t large_file = 0, small_file = 0;
  {
    auto big = pool.Place(large);
    auto little = pool.Place("little");  // the large file is queued: a second file
    ASSERT_TRUE(big.ok() && little.ok());
    large_file = InodeOf(big->fd());
    small_file = InodeOf(little->fd());
    ASSERT_NE(large_file, small_file);
    ASSERT_TRUE(reader.Open(Received(*big)).ok());  // read and given back, both
    ASSERT_TRUE(reader.Open(Received(*little)).ok());
  }
  auto small_again = pool.Place("small again");
  ASSERT_TRUE(small_again.ok());
  EXPECT_EQ(InodeOf(small_again->fd()), small_file);  // first fit would have taken the large file
  auto large_again = pool.Place(large);
  ASSERT_TRUE(large_again.ok());
  EXPECT_EQ(InodeOf(large_again->fd()), large_file);
  EXPECT_EQ(pool.files(), 2u);
}

TEST(SharedBody, ManyPagesThroughOnePoolUseFewFiles) {
  BodyPool pool;
  BodyReader reader;
  for (int i = 0; i < 5000; ++i) {
    const std::string page =
        "<p>page " + std::to_string(i) + "</p>" + std::string(static_cast<std::size_t>(i % 97) * 100, 'x');
    auto placed = pool.Place(page);
    ASSERT_TRUE(placed.ok());
    auto body = reader.Open(Received(*placed));
    ASSERT_TRUE(body.ok());
    ASSERT_EQ(body->view(), page);
  }
  EXPECT_EQ(pool.files(), 1u);
  EXPECT_EQ(reader.cached_files(), 1u);
}

}  // namespace
}  // namespace arachne
