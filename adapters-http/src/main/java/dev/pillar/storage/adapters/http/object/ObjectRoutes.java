package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.UseCases;
import dev.pillar.storage.adapters.http.auth.Jwt;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The route table under {@code /object}. Order matters: fixed words ({@code list}, {@code list-v2},
 * {@code copy}, {@code move}, {@code info}, {@code public}, {@code authenticated}, {@code sign},
 * {@code upload/sign}) are matched before the catch-all {@code {bucket}/{+path}} routes.
 */
public final class ObjectRoutes implements HttpService {
    private final UploadHandler uploads;
    private final DownloadHandler downloads;
    private final RemovalHandler removals;
    private final ListHandler listing;
    private final PageHandler pages;
    private final InfoHandler info;
    private final TransferHandler transfers;
    private final SignedUrlHandler signedUrls;
    private final SignedUploadHandler signedUploads;

    public ObjectRoutes(Authenticator auth, Jwt jwt, UseCases useCases) {
        this.uploads = new UploadHandler(auth, useCases.uploadObject());
        this.downloads = new DownloadHandler(auth, useCases.downloadObject());
        this.removals = new RemovalHandler(auth, useCases.removeObjects());
        this.listing = new ListHandler(auth, useCases.listObjects());
        this.pages = new PageHandler(auth, useCases.listObjectPage());
        this.info = new InfoHandler(auth, useCases.getObjectInfo());
        this.transfers = new TransferHandler(auth, useCases.copyObject(), useCases.moveObject());
        SignedUrlTokens tokens = new SignedUrlTokens(jwt);
        this.signedUrls = new SignedUrlHandler(auth, tokens, useCases.createSignedUrl(), useCases.createSignedUrls(),
                useCases.downloadSignedObject());
        this.signedUploads = new SignedUploadHandler(auth, tokens, useCases.createSignedUploadUrl(),
                useCases.uploadToSignedUrl());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/object/list/{bucket}", listing::list)
                .post("/object/list-v2/{bucket}", pages::list)
                .post("/object/copy", transfers::copy)
                .post("/object/move", transfers::move)
                .get("/object/info/public/{bucket}/{+path}", info::ofPublic)
                .get("/object/info/authenticated/{bucket}/{+path}", info::authenticated)
                .get("/object/info/{bucket}/{+path}", info::authenticated)
                .get("/object/public/{bucket}/{+path}", downloads::handlePublic)
                .head("/object/public/{bucket}/{+path}", downloads::handlePublic)
                .get("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .head("/object/authenticated/{bucket}/{+path}", downloads::handle)
                .post("/object/sign/{bucket}/{+path}", signedUrls::signOne)
                .post("/object/sign/{bucket}", signedUrls::signMany)
                .get("/object/sign/{bucket}/{+path}", signedUrls::download)
                .head("/object/sign/{bucket}/{+path}", signedUrls::download)
                .post("/object/upload/sign/{bucket}/{+path}", signedUploads::sign)
                .put("/object/upload/sign/{bucket}/{+path}", signedUploads::upload)
                .delete("/object/{bucket}", removals::removeMany)
                .post("/object/{bucket}/{+path}", uploads::create)
                .put("/object/{bucket}/{+path}", uploads::update)
                .get("/object/{bucket}/{+path}", downloads::handle)
                .head("/object/{bucket}/{+path}", downloads::handle)
                .delete("/object/{bucket}/{+path}", removals::removeOne);
    }
}
