package com.vehiclephotos.media.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmarks' real photos: the JPEGs of a folder (media-processor/bench/bench-photos), sorted, then some more. */
final class BenchPhotos {

    private BenchPhotos() {}

    static List<Path> of(Path folder, Path... more) throws IOException {
        var photos = new ArrayList<Path>();
        try (var list = Files.list(folder)) {
            list.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(photos::add);
        }
        photos.addAll(List.of(more));
        return photos;
    }
}
