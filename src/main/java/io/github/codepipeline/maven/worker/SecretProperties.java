package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionConfigurationProperty;
import software.amazon.awssdk.services.codepipeline.model.ListActionTypesResponse;

/**
 * Which of the action type's configuration values are masked in the worker's log and in what it reports: those the
 * action type declares {@code secret} ({@code ListActionTypes}, read once when the worker starts), and any the type does
 * not declare at all. When the call is refused (the role lacks {@code codepipeline:ListActionTypes}) or does not list
 * the type, every value is masked, as before, with one WARNING.
 */
final class SecretProperties {
    private static final int MAX_PAGES = 50;

    /** Name to {@code secret}; {@code null}: nothing known, mask every value. */
    private final Map<String, Boolean> declared;

    private SecretProperties(Map<String, Boolean> declared) {
        this.declared = declared == null ? null : Collections.unmodifiableMap(declared);
    }

    /** Every value masked: what a worker knows before (or without) {@code ListActionTypes}. */
    static SecretProperties all() {
        return new SecretProperties(null);
    }

    /** For unit tests and the stand-in's shapes: {@code declared} maps a property's name to its {@code secret}. */
    static SecretProperties of(Map<String, Boolean> declared) {
        return new SecretProperties(new HashMap<>(declared));
    }

    /** Reads the type's properties with {@code ListActionTypes}; never throws: one WARNING, and every value masked. */
    static SecretProperties read(CodePipelineJobClient client, ActionType type, ReportLog log) {
        String problem;
        try {
            CodePipelineClient sdk = client.sdk();
            String next = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                String token = next;
                ListActionTypesResponse response = sdk.listActionTypes(r -> r.actionOwnerFilter(type.owner()).nextToken(token));
                for (software.amazon.awssdk.services.codepipeline.model.ActionType each : response.actionTypes()) {
                    if (each.id() != null && type.category().equals(each.id().categoryAsString())
                            && type.owner().equals(each.id().ownerAsString()) && type.provider().equals(each.id().provider())
                            && type.version().equals(each.id().version())) {
                        Map<String, Boolean> declared = new HashMap<>();
                        for (ActionConfigurationProperty property : each.actionConfigurationProperties()) {
                            declared.put(property.name(), !Boolean.FALSE.equals(property.secret()));
                        }
                        log.debug(JobCalls.PREFIX + "the action type " + type + " declares " + declared.size()
                                + " configuration properties; the values of the secret ones (and of any it does not declare)"
                                + " are masked.");
                        return new SecretProperties(declared);
                    }
                }
                next = response.nextToken();
                if (next == null || next.isEmpty()) {
                    break;
                }
            }
            problem = "ListActionTypes does not list the action type " + type;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            // describe() words the IAM denial well; its words for the job calls' other errors would mislead here.
            problem = e.statusCode() == 403 || (code != null && code.contains("AccessDenied"))
                    ? client.describe(e, "ListActionTypes")
                    : "CodePipeline answered ListActionTypes with " + (code == null ? "HTTP " + e.statusCode() : code);
        } catch (RuntimeException e) {
            problem = client.describe(e, "ListActionTypes");
        }
        log.warn(JobCalls.PREFIX + "could not learn which configuration properties of " + type + " are secret (" + problem
                + "): every configuration value is masked in the log. Grant the worker codepipeline:ListActionTypes to mask"
                + " only the secret ones.");
        return all();
    }

    /** The values of {@code configuration} to mask. */
    List<String> values(Map<String, String> configuration) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> each : configuration.entrySet()) {
            if (declared == null || !Boolean.FALSE.equals(declared.get(each.getKey()))) {
                values.add(each.getValue());
            }
        }
        return values;
    }
}
