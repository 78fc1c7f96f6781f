using Xunit;

namespace Streaming.State.Tests;

public sealed class OpenErrors
{
    [Fact]
    public void A_path_that_cannot_be_a_folder_names_the_path_and_the_cause()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(file, "not a folder");
        var path = Path.Combine(file, "db");

        var error = Assert.Throws<StateStoreOpenException>(() => new RocksDbStateStore(new RocksDbStoreOptions { Path = path }));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.StartsWith("the folder cannot be created", error.Cause);
    }

    [Fact]
    public void An_unwritable_folder_is_reported_even_without_creating_it()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(file, "not a folder");

        // RocksDB itself meets the file where its folder should be.
        var error = Assert.Throws<StateStoreOpenException>(() => new RocksDbStateStore(new RocksDbStoreOptions { Path = file, CreateIfMissing = false }));

        Assert.Contains(file, error.Message);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Opening_a_folder_twice_says_it_is_already_open()
    {
        using var folder = new TempFolder();
        using var first = folder.Open();

        var error = Assert.Throws<StateStoreOpenException>(() => folder.Open("other"));

        Assert.Contains(folder.Db, error.Message);
        Assert.Contains("already open", error.Cause);
        Assert.Contains("WithNamespace", error.Cause);
    }

    [Fact]
    public void A_missing_database_without_create_if_missing_is_an_open_error()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Db);
        var error = Assert.Throws<StateStoreOpenException>(() => new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Db, CreateIfMissing = false }));
        Assert.Contains("does not exist", error.Cause);
    }

    [Fact]
    public void A_closed_folder_opens_again()
    {
        using var folder = new TempFolder();
        folder.Open().Dispose();
        using var again = folder.Open();
        Assert.Null(again.ReadOffset("t", 0));
    }
}
