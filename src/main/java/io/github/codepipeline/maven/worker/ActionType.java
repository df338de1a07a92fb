package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.ActionOwner;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The action type a worker polls for, {@code Category/Owner/Provider/Version} (such as {@code Build/ThirdParty/PartnerCI/1}
 * or {@code Build/Custom/MavenBuild/1}), checked against the service model's {@code ActionTypeId}: a known category,
 * owner {@code ThirdParty} (partner actions, {@code PollForThirdPartyJobs}) or {@code Custom} ({@code PollForJobs}),
 * provider 1-35 and version 1-9 characters of {@code [0-9A-Za-z_-]}. The category and the owner are taken in any case
 * (as {@code codepipeline.actionOwner} is, see {@link ActionOwner#parse}) and sent as the model spells them.
 */
public final class ActionType {
    public static final String THIRD_PARTY = "ThirdParty";
    public static final String CUSTOM = "Custom";
    static final List<String> CATEGORIES = Arrays.asList("Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute");
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z_-]+");

    private final String category;
    private final String owner;
    private final String provider;
    private final String version;

    private ActionType(String category, String owner, String provider, String version) {
        this.category = category;
        this.owner = owner;
        this.provider = provider;
        this.version = version;
    }

    public static ActionType parse(String value) throws InvalidSettingException {
        if (value == null) {
            throw problem("is not set", value);
        }
        String[] parts = value.trim().split("/", -1);
        if (parts.length != 4) {
            throw problem("is '" + value + "', which does not have the four parts Category/Owner/Provider/Version", value);
        }
        String category = null;
        for (String each : CATEGORIES) {
            if (each.equalsIgnoreCase(parts[0])) {
                category = each;
            }
        }
        if (category == null) {
            throw problem("has the category '" + parts[0] + "'; CodePipeline's categories are " + String.join(", ", CATEGORIES),
                    value);
        }
        ActionOwner owner = ActionOwner.parse(parts[1]);
        if (owner == null) {
            throw problem("has the owner '" + parts[1] + "'; a job worker polls for ThirdParty (partner) or Custom actions"
                    + " (AWS runs its own)", value);
        }
        if (parts[2].isEmpty() || parts[2].length() > 35 || !NAME.matcher(parts[2]).matches()) {
            throw problem("has the provider '" + parts[2] + "'; a provider has 1-35 letters, digits, _ or -", value);
        }
        if (parts[3].isEmpty() || parts[3].length() > 9 || !NAME.matcher(parts[3]).matches()) {
            throw problem("has the version '" + parts[3] + "'; a version has 1-9 letters, digits, _ or -", value);
        }
        return new ActionType(category, owner.name(), parts[2], parts[3]);
    }

    private static InvalidSettingException problem(String what, String value) {
        return new InvalidSettingException("Invalid " + Setting.ACTION_TYPE.property() + ": it " + what + ". Set it with -D"
                + Setting.ACTION_TYPE.property() + "=Category/Owner/Provider/Version, such as Build/ThirdParty/PartnerCI/1"
                + " or Build/Custom/MavenBuild/1: the action type of the pipeline's action.");
    }

    public String category() {
        return category;
    }

    public String owner() {
        return owner;
    }

    public String provider() {
        return provider;
    }

    public String version() {
        return version;
    }

    public boolean isCustom() {
        return CUSTOM.equals(owner);
    }

    @Override
    public String toString() {
        return category + "/" + owner + "/" + provider + "/" + version;
    }
}
