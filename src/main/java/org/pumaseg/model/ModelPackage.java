package org.pumaseg.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.pumaseg.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated model package: a folder or a .zip with an rdf.yaml (or bioimageio.yaml) at its
 * top, the files it names and nothing else.
 * <p>
 * {@link #open} checks everything before any model runs: the description
 * ({@link RdfYaml}), that every named file is there and no other file is, that no entry is a
 * link, checksums, the test tensors against the axes, that the TensorFlow weights are a
 * SavedModel folder, and that the ONNX file is an ONNX model whose inputs and outputs match
 * rdf.yaml ({@link OnnxFileCheck}). A zip is checked entry by entry ({@link SafeZip}) and unpacked into a
 * private cache folder, first into a temporary folder that is renamed into place only once
 * the package is valid; a zip already unpacked (same SHA-256) is reused. Weights zipped
 * inside the package (the bioimage.io form) are unpacked the same way. Nothing here starts an
 * engine: the runtime checks the weights themselves when it loads them.
 */
public final class ModelPackage {

	private static final Logger LOG = LoggerFactory.getLogger(ModelPackage.class);

	/** Description file names, in order of preference. */
	static final List<String> DESCRIPTION_FILES = List.of("rdf.yaml", "bioimageio.yaml");

	private static final String PACKAGES_FOLDER = "model-packages";
	private static final String SAVED_MODELS_FOLDER = "saved-models";

	private final Path source;
	private final Path root;
	private final ModelDescription description;
	private final Path savedModelDirectory;
	private final Path onnxFile;
	private final OnnxModelInfo onnxModel;

	private ModelPackage(Path source, Path root, ModelDescription description,
		Path savedModelDirectory, Path onnxFile, OnnxModelInfo onnxModel)
	{
		this.source = source;
		this.root = root;
		this.description = description;
		this.savedModelDirectory = savedModelDirectory;
		this.onnxFile = onnxFile;
		this.onnxModel = onnxModel;
		List<String> formats = description.weights().runnableFormats().stream().map(
			WeightsFormat::yamlName).toList();
		List<String> outputs = description.outputs().stream().map(OutputTensor::id).toList();
		LOG.info("Opened model package {} ('{}', format {}): weights {}, trained at {} µm/px, " +
			"outputs {}", source, description.name(), description.formatVersion(), formats,
			description.pumaseg().pixelSizeUm(), outputs);
	}

	/** Opens a package folder, its rdf.yaml, or a package .zip, using the default cache. */
	public static ModelPackage open(Path source) {
		return open(source, defaultCacheDirectory(), ZipLimits.DEFAULT);
	}

	/**
	 * Opens and validates a package.
	 *
	 * @param source a package folder, its rdf.yaml, or a .zip
	 * @param cacheDirectory where zips are unpacked (a private folder is made inside)
	 * @param limits size limits for unpacking zips
	 * @throws InvalidInputException naming the package, the field or entry, and the fix
	 */
	public static ModelPackage open(Path source, Path cacheDirectory, ZipLimits limits) {
		PackageErrors errors = new PackageErrors(String.valueOf(source.getFileName()));
		if (!Files.exists(source)) {
			throw errors.whole("does not exist (" + source.toAbsolutePath() + ")",
				"check the path of the model package.", null);
		}
		try {
			Path real = source.toRealPath();
			if (Files.isRegularFile(real) && DESCRIPTION_FILES.contains(String.valueOf(real
				.getFileName())))
			{
				real = real.getParent();
			}
			if (Files.isDirectory(real)) {
				errors = new PackageErrors(String.valueOf(real.getFileName()));
				Contents contents = validateFolder(real, errors, cacheDirectory, limits);
				return new ModelPackage(source, real, contents.description,
					contents.savedModelDirectory, contents.onnxFile, contents.onnxModel);
			}
			if (Files.isRegularFile(real) && SafeZip.looksLikeZip(real)) {
				return openZip(source, real, errors, cacheDirectory, limits);
			}
		}
		catch (IOException e) {
			throw errors.whole("cannot be read (" + e.getMessage() + ")",
				"check that the package is readable.", e);
		}
		if (String.valueOf(source.getFileName()).toLowerCase(Locale.ROOT).endsWith(".zip")) {
			throw errors.whole("is named .zip but is not a zip archive (it does not start with a " +
				"zip header)", "download or copy the package's .zip file again, or give the " +
				"unpacked package folder.", null);
		}
		throw errors.whole("is neither a folder nor a .zip file", "give the package folder " +
			"(with rdf.yaml inside) or the package's .zip file.", null);
	}

	/**
	 * Returns the folder where packages are unpacked: the system property
	 * {@code pumaseg.cache.dir}, else the environment variable {@code PUMASEG_CACHE_DIR}, else
	 * {@code $XDG_CACHE_HOME/pumaseg}, else {@code ~/.cache/pumaseg}.
	 */
	public static Path defaultCacheDirectory() {
		String property = System.getProperty("pumaseg.cache.dir");
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String variable = System.getenv("PUMASEG_CACHE_DIR");
		if (variable != null && !variable.isBlank()) {
			return Path.of(variable);
		}
		String xdg = System.getenv("XDG_CACHE_HOME");
		if (xdg != null && !xdg.isBlank()) {
			return Path.of(xdg, "pumaseg");
		}
		return Path.of(System.getProperty("user.home"), ".cache", "pumaseg");
	}

	/** Returns the path the package was opened from. */
	public Path source() {
		return source;
	}

	/** Returns the folder with rdf.yaml and the package files (the unpacked copy of a zip). */
	public Path root() {
		return root;
	}

	public ModelDescription description() {
		return description;
	}

	/**
	 * Returns the SavedModel folder (with saved_model.pb) for the TensorFlow engine.
	 *
	 * @throws IllegalStateException when the package has no TensorFlow weights
	 */
	public Path savedModelDirectory() {
		if (savedModelDirectory == null) {
			throw new IllegalStateException(this + " has no TensorFlow SavedModel.");
		}
		return savedModelDirectory;
	}

	/** Returns the ONNX file, when the package has ONNX weights. */
	public Optional<Path> onnxFile() {
		return Optional.ofNullable(onnxFile);
	}

	/** Returns the inputs, outputs and opset read from the ONNX file, when there is one. */
	public Optional<OnnxModelInfo> onnxModel() {
		return Optional.ofNullable(onnxModel);
	}

	/** Resolves a package file from its path in rdf.yaml. */
	public Path file(String relativeSource) {
		new RdfValidator(new PackageErrors(name())).checkPath("file", relativeSource, false);
		return root.resolve(relativeSource);
	}

	/** Reads the test tensor of input or output {@code tensorId}. */
	public NpyArray testTensor(String tensorId) {
		TensorDescription tensor = description.tensor(tensorId).orElseThrow(
			() -> new IllegalArgumentException("The model has no tensor '" + tensorId + "'."));
		return Npy.read(file(tensor.testTensor().source()));
	}

	/** Returns the package's file or folder name, as used in messages. */
	public String name() {
		return String.valueOf(source.getFileName());
	}

	@Override
	public String toString() {
		return "model package '" + name() + "' (" + description.name() + ")";
	}

	// --- zip -----------------------------------------------------------------------------

	private static ModelPackage openZip(Path source, Path zip, PackageErrors errors,
		Path cacheDirectory, ZipLimits limits) throws IOException
	{
		SafeZip safeZip = new SafeZip(errors, limits);
		List<String> names = safeZip.list(zip);
		checkDescriptionAtTop(names, errors);

		Path packages = privateFolder(cacheDirectory.resolve(PACKAGES_FOLDER), errors);
		Path target = packages.resolve(sha256(zip).substring(0, 32));
		if (!Files.isDirectory(target)) {
			unpackInto(zip, target, packages, safeZip, folder -> validateFolder(folder, errors,
				cacheDirectory, limits));
		}
		Contents contents = validateFolder(target, errors, cacheDirectory, limits);
		return new ModelPackage(source, target, contents.description,
			contents.savedModelDirectory, contents.onnxFile, contents.onnxModel);
	}

	private static void checkDescriptionAtTop(List<String> names, PackageErrors errors) {
		for (String description : DESCRIPTION_FILES) {
			if (names.contains(description)) {
				return;
			}
		}
		for (String name : names) {
			String file = name.substring(name.lastIndexOf('/') + 1);
			if (DESCRIPTION_FILES.contains(file)) {
				throw errors.entry(name, "is the description, but it must be at the top of the " +
					"zip, not in a folder", "zip the contents of the package folder, not the " +
						"folder itself.");
			}
		}
		throw errors.whole("the zip has no rdf.yaml at its top, so it is not a model package",
			"give a zip made from a model package folder.", null);
	}

	private interface FolderCheck {
		void check(Path folder);
	}

	/**
	 * Unpacks {@code zip} into a new temporary folder inside {@code parent}, checks it, and
	 * renames it to {@code target}; another process that got there first wins. On failure
	 * the temporary folder is deleted.
	 */
	private static void unpackInto(Path zip, Path target, Path parent, SafeZip safeZip,
		FolderCheck check) throws IOException
	{
		Path temporary = Files.createTempDirectory(parent, ".unpacking-");
		try {
			safeZip.extract(zip, temporary);
			check.check(temporary);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
				LOG.info("Unpacked {} into {}", zip, target);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
				// Unpacked meanwhile by another process: its copy is as good as ours.
			}
			catch (AtomicMoveNotSupportedException e) {
				throw new IOException("cannot rename folders atomically in " + parent, e);
			}
		}
		finally {
			deleteRecursively(temporary);
		}
	}

	// --- folder --------------------------------------------------------------------------

	/** Validates a package folder under another name (the writer's temporary folder). */
	static ModelDescription validateFolder(Path folder, String name, Path cacheDirectory) {
		return validateFolder(folder, new PackageErrors(name), cacheDirectory, ZipLimits.DEFAULT)
			.description;
	}

	private static final class Contents {
		ModelDescription description;
		Path savedModelDirectory;
		Path onnxFile;
		OnnxModelInfo onnxModel;
	}

	private static Contents validateFolder(Path root, PackageErrors errors, Path cacheDirectory,
		ZipLimits limits)
	{
		PackageListing listing = PackageListing.of(root, errors);
		String descriptionFile = listing.descriptionFile();
		ModelDescription description = RdfYaml.read(readText(root.resolve(descriptionFile),
			descriptionFile, errors), errors.packageName());

		Map<String, String> referenced = referencedFiles(description);
		checkFilesPresent(description, listing, referenced, errors);
		checkNoExtraFiles(listing, referenced, descriptionFile, errors);
		checkChecksums(root, description, listing, errors);
		new TestTensorCheck(description, root, errors).check();

		Contents contents = new Contents();
		contents.description = description;
		if (description.weights().tensorflowSavedModelBundle() != null) {
			contents.savedModelDirectory = savedModelDirectory(root, description, listing, errors,
				cacheDirectory, limits);
		}
		if (description.weights().onnx() != null) {
			contents.onnxFile = root.resolve(description.weights().onnx().source().source());
			contents.onnxModel = new OnnxFileCheck(description, errors).check(root);
		}
		return contents;
	}

	/** Local files named in the description: path to the field that names it. */
	private static Map<String, String> referencedFiles(ModelDescription model) {
		Map<String, String> files = new LinkedHashMap<>();
		putLocal(files, model.documentation(), "documentation");
		for (int i = 0; i < model.covers().size(); i++) {
			putLocal(files, model.covers().get(i), "covers[" + i + "]");
		}
		for (int i = 0; i < model.attachments().size(); i++) {
			putLocal(files, model.attachments().get(i).source(), "attachments[" + i + "]");
		}
		for (int i = 0; i < model.inputs().size(); i++) {
			putTensorFiles(files, model.inputs().get(i), "inputs[" + i + "]");
		}
		for (int i = 0; i < model.outputs().size(); i++) {
			putTensorFiles(files, model.outputs().get(i), "outputs[" + i + "]");
		}
		Weights weights = model.weights();
		TensorflowWeights tensorflow = weights.tensorflowSavedModelBundle();
		if (tensorflow != null) {
			putLocal(files, tensorflow.source().source(),
				"weights.tensorflow_saved_model_bundle.source");
		}
		if (tensorflow != null && tensorflow.dependencies() != null) {
			putLocal(files, tensorflow.dependencies().source(),
				"weights.tensorflow_saved_model_bundle.dependencies");
		}
		if (weights.onnx() != null) {
			putLocal(files, weights.onnx().source().source(), "weights.onnx.source");
		}
		for (Map.Entry<String, Object> other : weights.otherFormats().entrySet()) {
			putSources(files, other.getValue(), "weights." + other.getKey());
		}
		return files;
	}

	private static void putTensorFiles(Map<String, String> files, TensorDescription tensor,
		String field)
	{
		putLocal(files, tensor.testTensor().source(), field + ".test_tensor");
		if (tensor.sampleTensor() != null) {
			putLocal(files, tensor.sampleTensor().source(), field + ".sample_tensor");
		}
	}

	/** Adds every 'source' inside the weights entries that PumaSeg does not run. */
	private static void putSources(Map<String, String> files, Object value, String field) {
		if (value instanceof Map) {
			for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
				String childField = field + "." + entry.getKey();
				if (entry.getKey().equals("source") && entry.getValue() instanceof String) {
					putLocal(files, (String) entry.getValue(), childField);
				}
				else {
					putSources(files, entry.getValue(), childField);
				}
			}
		}
	}

	private static void putLocal(Map<String, String> files, String source, String field) {
		if (source != null && !FileRef.isUrl(source)) {
			String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
			files.putIfAbsent(path, field);
		}
	}

	private static void checkFilesPresent(ModelDescription model, PackageListing listing,
		Map<String, String> referenced, PackageErrors errors)
	{
		TensorflowWeights weights = model.weights().tensorflowSavedModelBundle();
		String tensorflow = weights == null ? null : stripSlash(weights.source().source());
		for (Map.Entry<String, String> file : referenced.entrySet()) {
			String path = file.getKey();
			boolean folderAllowed = path.equals(tensorflow);
			boolean present = listing.files().contains(path) || (folderAllowed && listing
				.folders().contains(path));
			if (!present) {
				String fix = listing.folders().contains(path)
					? "point " + file.getValue() + " at a file, not a folder."
					: "add the file to the package, or correct " + file.getValue() + " in rdf.yaml " +
						"(names are case-sensitive).";
				throw errors.file(path, "is named in " + file.getValue() + " but " + (listing.folders()
					.contains(path) ? "is a folder" : "is missing from the package"), fix);
			}
		}
	}

	private static void checkNoExtraFiles(PackageListing listing,
		Map<String, String> referenced, String descriptionFile, PackageErrors errors)
	{
		TreeSet<String> extra = new TreeSet<>();
		for (String file : listing.files()) {
			if (file.equals(descriptionFile) || referenced.containsKey(file)) {
				continue;
			}
			boolean insideReferencedFolder = false;
			for (String path : referenced.keySet()) {
				insideReferencedFolder |= listing.folders().contains(path) && file.startsWith(path +
					"/");
			}
			if (!insideReferencedFolder) {
				extra.add(file);
			}
		}
		if (!extra.isEmpty()) {
			String first = extra.first();
			String more = extra.size() == 1 ? "" : " (and " + (extra.size() - 1) + " more: " +
				String.join(", ", extra.stream().skip(1).limit(5).toList()) + (extra.size() > 6
					? ", ..." : "") + ")";
			throw errors.file(first, "is in the package, but rdf.yaml does not name it" + more,
				"remove it, or list it under 'attachments' in rdf.yaml.");
		}
	}

	private static void checkChecksums(Path root, ModelDescription model, PackageListing listing,
		PackageErrors errors)
	{
		List<Map.Entry<String, FileRef>> files = new ArrayList<>();
		for (int i = 0; i < model.attachments().size(); i++) {
			files.add(Map.entry("attachments[" + i + "]", model.attachments().get(i)));
		}
		for (int i = 0; i < model.inputs().size(); i++) {
			addTensorFiles(files, model.inputs().get(i), "inputs[" + i + "]");
		}
		for (int i = 0; i < model.outputs().size(); i++) {
			addTensorFiles(files, model.outputs().get(i), "outputs[" + i + "]");
		}
		Weights weights = model.weights();
		if (weights.tensorflowSavedModelBundle() != null) {
			files.add(Map.entry("weights.tensorflow_saved_model_bundle", weights
				.tensorflowSavedModelBundle().source()));
		}
		if (weights.tensorflowSavedModelBundle() != null && weights.tensorflowSavedModelBundle()
			.dependencies() != null)
		{
			files.add(Map.entry("weights.tensorflow_saved_model_bundle.dependencies", weights
				.tensorflowSavedModelBundle().dependencies()));
		}
		if (weights.onnx() != null) {
			files.add(Map.entry("weights.onnx", weights.onnx().source()));
		}

		for (Map.Entry<String, FileRef> entry : files) {
			FileRef file = entry.getValue();
			if (file.sha256() == null || file.isUrl()) {
				continue;
			}
			String path = stripSlash(file.source());
			if (listing.folders().contains(path)) {
				throw errors.field(entry.getKey() + ".sha256", "is given for the folder '" + path +
					"', but a checksum needs a single file", "remove sha256, or zip the folder and " +
						"give the checksum of the zip.");
			}
			String actual = sha256(root.resolve(path), errors);
			if (!actual.equalsIgnoreCase(file.sha256())) {
				throw errors.file(path, "has SHA-256 " + actual + ", but " + entry.getKey() +
					".sha256 says " + file.sha256() + ", so the file was changed or damaged",
					"get an intact copy of the package, or correct the checksum if you changed " +
						"the file on purpose.");
			}
		}
	}

	private static void addTensorFiles(List<Map.Entry<String, FileRef>> files,
		TensorDescription tensor, String field)
	{
		files.add(Map.entry(field + ".test_tensor", tensor.testTensor()));
		if (tensor.sampleTensor() != null) {
			files.add(Map.entry(field + ".sample_tensor", tensor.sampleTensor()));
		}
	}

	// --- weights -------------------------------------------------------------------------

	private static Path savedModelDirectory(Path root, ModelDescription model,
		PackageListing listing, PackageErrors errors, Path cacheDirectory, ZipLimits limits)
	{
		String source = stripSlash(model.weights().tensorflowSavedModelBundle().source()
			.source());
		String field = "weights.tensorflow_saved_model_bundle.source";
		if (listing.folders().contains(source)) {
			Path folder = root.resolve(source);
			if (!hasSavedModel(folder)) {
				throw errors.file(source, "is named in " + field + " but contains no saved_model.pb",
					"point it at the folder that TensorFlow's SavedModel export wrote.");
			}
			return folder;
		}

		Path zip = root.resolve(source);
		try {
			if (!source.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") || !SafeZip
				.looksLikeZip(zip))
			{
				throw errors.file(source, "is named in " + field + " but is neither a SavedModel " +
					"folder nor a .zip of one", "point it at the SavedModel folder.");
			}
			SafeZip safeZip = new SafeZip(errors.within(source), limits);
			Path savedModels = privateFolder(cacheDirectory.resolve(SAVED_MODELS_FOLDER), errors);
			Path target = savedModels.resolve(sha256(zip, errors).substring(0, 32));
			if (!Files.isDirectory(target)) {
				unpackInto(zip, target, savedModels, safeZip, folder -> findSavedModel(folder,
					source, errors));
			}
			return findSavedModel(target, source, errors);
		}
		catch (IOException e) {
			throw errors.file(source, "cannot be unpacked (" + e.getMessage() + ")",
				"check that the weights zip is complete and that the cache folder " +
					cacheDirectory + " is writable.");
		}
	}

	/** Finds the SavedModel at the top of an unpacked zip, or in its only folder. */
	private static Path findSavedModel(Path folder, String source, PackageErrors errors) {
		if (hasSavedModel(folder)) {
			return folder;
		}
		try (Stream<Path> children = Files.list(folder)) {
			List<Path> folders = children.filter(Files::isDirectory).toList();
			if (folders.size() == 1 && hasSavedModel(folders.get(0))) {
				return folders.get(0);
			}
		}
		catch (IOException e) {
			throw errors.file(source, "cannot be listed (" + e.getMessage() + ")",
				"check the cache folder.");
		}
		throw errors.file(source, "contains no saved_model.pb at its top or in its only folder",
			"zip the folder that TensorFlow's SavedModel export wrote.");
	}

	private static boolean hasSavedModel(Path folder) {
		return Files.isRegularFile(folder.resolve("saved_model.pb"), LinkOption.NOFOLLOW_LINKS) ||
			Files.isRegularFile(folder.resolve("saved_model.pbtxt"), LinkOption.NOFOLLOW_LINKS);
	}

	// --- helpers -------------------------------------------------------------------------

	private static String readText(Path file, String name, PackageErrors errors) {
		try {
			if (Files.size(file) > 4L * RdfYaml.MAX_CHARACTERS) {
				throw errors.file(name, "is larger than an rdf.yaml can be", "keep large data in " +
					"files of the package.");
			}
			byte[] bytes = Files.readAllBytes(file);
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(
					bytes)).toString();
		}
		catch (CharacterCodingException e) {
			throw errors.file(name, "is not UTF-8 text", "save it with UTF-8 encoding.");
		}
		catch (IOException e) {
			throw errors.file(name, "cannot be read (" + e.getMessage() + ")",
				"check that the file is readable.");
		}
	}

	/** Creates {@code folder} (owner-only on POSIX systems) if needed. */
	private static Path privateFolder(Path folder, PackageErrors errors) {
		try {
			if (!Files.isDirectory(folder)) {
				Files.createDirectories(folder);
				if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
					Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(
						"rwx------"));
				}
			}
			return folder.toRealPath();
		}
		catch (IOException e) {
			throw errors.whole("cannot be unpacked: the cache folder " + folder +
				" cannot be created (" + e.getMessage() + ")", "set PUMASEG_CACHE_DIR (or the " +
					"system property pumaseg.cache.dir) to a writable folder.", e);
		}
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError("Every Java runtime has SHA-256.", e);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String sha256(Path file, PackageErrors errors) {
		try {
			return sha256(file);
		}
		catch (IOException e) {
			throw errors.file(String.valueOf(file.getFileName()), "cannot be read (" + e
				.getMessage() + ")", "check that the file is readable.");
		}
	}

	private static String stripSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
				throws IOException
			{
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, IOException e)
				throws IOException
			{
				Files.delete(directory);
				return FileVisitResult.CONTINUE;
			}
		});
	}

}
