/**
 * Files for the readers and writers of jdask's collections (the dataframe's CSV, the bag's text):
 * {@link io.jdask.dataframe.files.FileGlobs} expands paths and glob patterns, {@link
 * io.jdask.dataframe.files.Compression} opens and creates files compressed as their extension says.
 */
package io.jdask.dataframe.files;
